package io.ledgerline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The projections and reads against a real MongoDB (replica set, as in production) and a real Kafka broker,
 * wired by Spring Boot's {@code @ServiceConnection}. It runs only where Docker exists (CI runners, developer
 * machines) and is skipped elsewhere, such as the build machines without Docker; the in-process integration
 * tests cover the same behaviour on the MongoDB-wire stand-in and an embedded broker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledgerline.kafka.topics.partitions=2", "ledgerline.query.cursor-key=containers-test-cursor-key"})
class QueryServiceContainersIT {

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    private static final LocalTokens TOKENS = LocalTokens.generate();
    private static JwksServer jwks;

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<byte[], byte[]> kafka;

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> jwks().uri());
    }

    private static synchronized JwksServer jwks() {
        if (jwks == null) {
            try {
                jwks = JwksServer.start(TOKENS.publicJwkSet(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwks;
    }

    @AfterAll
    static void stopJwks() {
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void eventsOnKafkaBecomeReadModelsInMongoDb() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AccountScript account = new AccountScript("tc-acc-1", "tc-owner", "EUR", start).deposit("d1", 250)
                .withdraw("w1", 50);
        ProducerRecord<byte[], byte[]> transfer = EventRecords.record(Topics.TRANSFER_EVENTS, "tc-tr-1", 1,
                Events.requested("tc-tr-1", "tc-acc-1", "tc-acc-2", 10, "EUR"), start);
        for (ProducerRecord<byte[], byte[]> record : account.all()) {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        }
        kafka.send(transfer).get(10, TimeUnit.SECONDS);
        HttpApi http = new HttpApi(port);
        String token = TOKENS.mint(TokenSpec.of("tc-owner", "customer", Duration.ofMinutes(5)));

        JsonNode view = await().atMost(Duration.ofSeconds(60))
                .until(() -> http.get("/api/v1/accounts/tc-acc-1?minVersion=3", token),
                        response -> response.status() == 200).json();

        assertThat(view.path("balance").asLong()).isEqualTo(200);
        assertThat(http.get("/api/v1/accounts/tc-acc-1/transactions", token).json().path("items")).hasSize(2);
        assertThat(http.get("/api/v1/transfers/tc-tr-1?minVersion=1", token).json().path("status").asText())
                .isEqualTo("REQUESTED");
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
