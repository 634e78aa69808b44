package io.ledgerline.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The JWK set against an identity provider that is up, down, slow, answering garbage, and flooded with kids. */
class JwkSetDecoderTest {

    /** Never counted down: a slow provider's requests wait on it, so nothing sleeps. */
    private static final CountDownLatch HUNG_PROVIDER = new CountDownLatch(1);


    private enum Mode { UP, DOWN, SLOW, GARBAGE }

    private static final JwkSetDecoder.Settings FAST = new JwkSetDecoder.Settings(Duration.ofMillis(300),
            Duration.ofMillis(300), 256 * 1024, Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofHours(1));

    private final LocalTokens tokens = LocalTokens.generate();
    private final LocalTokens strangers = LocalTokens.generate();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer provider;
    private JwtDecoder decoder;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        provider.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            Mode now = mode.get();
            try {
                if (now == Mode.SLOW) {
                    // the provider hangs (longer than the decoder's 2 s read timeout) until the test ends
                    HUNG_PROVIDER.await(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (now == Mode.DOWN) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = (now == Mode.GARBAGE ? "<html>oops</html>" : tokens.publicJwkSet().toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        decoder = JwkSetDecoder.of("http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json",
                TokenSpec.DEFAULT_ISSUER, List.of(TokenSpec.DEFAULT_AUDIENCE), List.of("RS256", "ES256"), FAST);
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    @Test
    void keepsTheLastGoodKeysWhileTheProviderIsDownSlowOrAnsweringGarbage() {
        assertThat(decoder.decode(token(tokens)).getSubject()).isEqualTo("alice");
        for (Mode outage : List.of(Mode.DOWN, Mode.GARBAGE, Mode.SLOW)) {
            mode.set(outage);
            int before = fetches.get();
            // every decode must keep working, fast, until the cache has expired and the broken provider was asked
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                long started = System.nanoTime();
                assertThat(decoder.decode(token(tokens)).getSubject()).as(outage.name()).isEqualTo("alice");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(outage.name())
                        .isLessThan(Duration.ofSeconds(2));
                assertThat(fetches.get()).as("%s: the provider was asked again", outage).isGreaterThan(before);
            });
        }
    }

    @Test
    void aFloodOfUnknownKeyIdsCostsAtMostOneRefreshPerInterval() {
        decoder.decode(token(tokens));
        int before = fetches.get();
        for (int i = 0; i < 50; i++) {
            String forged = token(strangers);
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(fetches.get() - before).isLessThanOrEqualTo(2);
        assertThat(decoder.decode(token(tokens)).getSubject()).isEqualTo("alice");
    }

    @Test
    void stillChecksIssuerAndAudience() {
        String otherAudience = tokens.mint(TokenSpec.of("alice", "customer", Duration.ofMinutes(5))
                .withAudience("someone-else"));
        String otherIssuer = tokens.mint(TokenSpec.of("alice", "customer", Duration.ofMinutes(5))
                .withIssuer("https://elsewhere"));
        assertThatThrownBy(() -> decoder.decode(otherAudience)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(JwtException.class);
    }

    private static String token(LocalTokens keys) {
        return keys.mint(TokenSpec.of("alice", "customer", Duration.ofMinutes(5)));
    }
}
