package io.ledgerline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.mongo.MongoWireServer;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context every integration test shares (same annotations, same properties, so the context
 * cache starts it once): a real in-process KRaft broker, the MongoDB-wire server and a local JWKS endpoint.
 * Tests produce events to Kafka as the command-service would and await the REST answers. Every test uses ids
 * of its own, so tests do not see each other's data. Metrics export is on (Boot switches it off in tests by
 * default) because the Prometheus endpoint is part of what is tested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ledgerline.kafka.topics.partitions=2",
    "ledgerline.query.min-version-wait=1500ms",
    "ledgerline.query.generation-refresh=200ms",
    "ledgerline.query.cursor-key=integration-test-cursor-key",
    "spring.kafka.consumer.properties.metadata.max.age.ms=1000"
})
@AutoConfigureObservability
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false",
            "offsets.topic.num.partitions=1"},
        // the command-service creates the event topics; the query-service only their dead-letter topics
        topics = {Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS}, partitions = 2)
public abstract class IntegrationTestBase {

    protected static final Duration AWAIT = Duration.ofSeconds(20);
    protected static final LocalTokens TOKENS = LocalTokens.generate();
    protected static final MongoWireServer MONGO = MongoWireServer.inMemory();
    private static final JwksServer JWKS = startJwks();

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<byte[], byte[]> kafka;

    protected HttpApi http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString("ledgerline"));
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::uri);
    }

    private static JwksServer startJwks() {
        try {
            return JwksServer.start(TOKENS.publicJwkSet(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void client() {
        http = new HttpApi(port);
    }

    /** A fresh id with a readable prefix; unique per test run. */
    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A base time for a test's events, well in the past and whole seconds. */
    protected static Instant someTime() {
        return Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    protected static String token(String subject, String role) {
        return TOKENS.mint(TokenSpec.of(subject, role, Duration.ofMinutes(10)));
    }

    protected static String operator() {
        return token("ops-1", "operator");
    }

    protected void send(List<ProducerRecord<byte[], byte[]>> records) {
        records.forEach(this::send);
    }

    protected void send(ProducerRecord<byte[], byte[]> record) {
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce " + record, e);
        }
    }

    /** Waits until the read model of the account has reached {@code version}, and returns it. */
    protected JsonNode awaitAccount(String accountId, long version) {
        return awaitVersion("/api/v1/accounts/" + accountId, version);
    }

    protected JsonNode awaitTransfer(String transferId, long version) {
        return awaitVersion("/api/v1/transfers/" + transferId, version);
    }

    private JsonNode awaitVersion(String path, long version) {
        String token = operator();
        return await().atMost(AWAIT).until(() -> http.get(path, token), response -> response.status() == 200
                && response.json().path("version").asLong() >= version).json();
    }

    protected static void assertProblem(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).isEqualTo("urn:ledgerline:problem:" + code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
    }
}
