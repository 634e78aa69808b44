package io.ledgerline.command.support;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same service against real PostgreSQL 17 and Apache Kafka containers. It runs only where a Docker engine
 * is available (CI runners with Docker, developer laptops); on machines without one, Testcontainers'
 * {@code disabledWithoutDocker} skips it with that reason, and the embedded-infrastructure tests cover the same
 * behaviour.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealContainersIT {

    @Container
    @ServiceConnection
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:17-alpine");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    static final LocalTokens TOKENS = LocalTokens.generate();
    static JwksServer jwks;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) throws Exception {
        jwks = JwksServer.start(TOKENS.publicJwkSet(), 0);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwks::uri);
    }

    @AfterAll
    static void stopJwks() {
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void opensAndFundsAnAccountOnRealInfrastructure() {
        HttpApi api = new HttpApi(port);
        String service = TOKENS.mint(TokenSpec.of("payments", "service", Duration.ofMinutes(5)));
        assertThat(api.post("/api/v1/accounts", service,
                json("accountId", "tc-1", "ownerId", "alice", "currency", "EUR")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/tc-1/deposits", service,
                json("transactionId", "tx-1", "amount", 10, "currency", "EUR")).json().path("balance").asLong())
                .isEqualTo(10);
    }
}
