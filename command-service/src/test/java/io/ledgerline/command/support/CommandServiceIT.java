package io.ledgerline.command.support;

import io.ledgerline.local.postgres.LocalPostgres;
import io.ledgerline.local.tokens.JwksServer;
import io.ledgerline.local.tokens.LocalTokens;
import io.ledgerline.local.tokens.TokenSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of every command-service integration test: the real service on a random port, against a real
 * PostgreSQL (embedded binaries), a real Kafka broker (KRaft, in-process) and a JWK set served over HTTP. One
 * configuration for all, so Spring's context cache starts the service once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, count = 1, partitions = 3)
public abstract class CommandServiceIT {

    protected static final LocalPostgres POSTGRES = LocalPostgres.ephemeral();
    protected static final LocalTokens TOKENS = LocalTokens.generate();
    protected static final JwksServer JWKS = startJwks();

    protected static final String CUSTOMER = token("alice", "customer");
    protected static final String OTHER_CUSTOMER = token("bob", "customer");
    protected static final String SERVICE = token("payments", "service");
    protected static final String OPERATOR = token("ops", "operator");
    protected static final String AUDITOR = token("audit", "auditor");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::jdbcUrl);
        registry.add("spring.datasource.username", () -> LocalPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> "${spring.embedded.kafka.brokers}");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::uri);
        registry.add("ledgerline.web.rate-limit.enabled", () -> "false");
    }

    @BeforeEach
    void connectApi() {
        api = new HttpApi(port);
    }

    protected static String token(String subject, String role) {
        return TOKENS.mint(TokenSpec.of(subject, role, Duration.ofHours(1)));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Events stored for a bare account id (the store's own count, whatever the API says). */
    protected long storedEventsOfAccount(String accountId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                "account:" + accountId);
    }

    private static JwksServer startJwks() {
        try {
            return JwksServer.start(TOKENS.publicJwkSet(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
