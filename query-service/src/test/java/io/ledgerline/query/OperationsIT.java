package io.ledgerline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;

/** Health groups, metrics, OpenAPI and the topics the service creates for itself. */
class OperationsIT extends IntegrationTestBase {

    @Value("${ledgerline.instance}")
    private String instance;

    @Autowired
    private KafkaAdmin kafkaAdmin;

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void healthReportsMongoKafkaAndTheProjectionsInReadiness() {
        JsonNode health = http.get("/actuator/health", operator()).json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        for (String component : List.of("mongo", "kafka", "projections")) {
            assertThat(health.path("components").path(component).path("status").asText()).as(component)
                    .isEqualTo("UP");
        }
        assertThat(health.path("components").path("kafka").path("details").path("nodes").asInt()).isEqualTo(1);
        assertThat(health.path("components").path("projections").path("details").has("parkedEvents")).isTrue();
        assertThat(health.path("components").path("instance").path("details").path("id").asText())
                .as("an operator sees which instance answered").isEqualTo(instance);

        JsonNode readiness = http.get("/actuator/health/readiness", operator()).json();
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(names(readiness.path("components"))).contains("mongo", "kafka", "projections", "readinessState");
        JsonNode liveness = http.get("/actuator/health/liveness", null).json();
        assertThat(liveness.path("status").asText()).isEqualTo("UP");

        JsonNode anonymous = http.get("/actuator/health", null).json();
        assertThat(anonymous.path("components").path("projections").has("details")).isFalse();
        assertThat(anonymous.path("components").path("instance").has("details")).isFalse();
    }

    @Test
    void prometheusExposesProjectionLatencyDeadLettersGapsAndConsumerLag() {
        AccountScript account = new AccountScript(id("acc"), id("owner"), "EUR", someTime()).deposit("d", 1);
        send(account.event(2));
        // version 2 alone first: in one poll with version 1 it would be folded in order, never a gap
        await().atMost(AWAIT).untilAsserted(() -> assertThat(http.get("/actuator/prometheus", operator()).body())
                .contains("ledger_query_projection_gaps_total{aggregate=\"account\""));
        send(account.event(1));
        send(EventRecords.record(Topics.TRANSFER_EVENTS, null, id("junk"), 1L,
                "io.ledgerline.contracts.transfer.TransferRequested", "junk".getBytes(StandardCharsets.UTF_8),
                Instant.now()));
        awaitAccount(account.accountId(), 2);

        await().atMost(AWAIT).untilAsserted(() -> assertThat(http.get("/actuator/prometheus", operator()).body())
                .contains("ledger_query_projection_apply_seconds_count{aggregate=\"account\"")
                .contains("ledger_query_projection_gaps_total{aggregate=\"account\"")
                .contains("ledger_query_projection_parked")
                .contains("ledger_query_dead_letters_total{")
                .contains("topic=\"ledger.transfer-events.v1\"")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .contains("ledger_projection_lag_seconds")
                .contains("ledger_query_projection_batch_seconds_count"));
    }

    @Test
    void theOpenApiDocumentDescribesTheQueryApi() {
        JsonNode api = http.get("/v3/api-docs", operator()).json();

        assertThat(names(api.path("paths"))).contains("/api/v1/accounts/{accountId}", "/api/v1/accounts",
                "/api/v1/accounts/{accountId}/transactions", "/api/v1/transfers/{transferId}",
                "/api/v1/owners/{ownerId}/summary", "/api/v1/admin/projections/rebuild");
        assertThat(api.path("components").path("securitySchemes").has("bearer-jwt")).isTrue();
        List<String> parameters = new ArrayList<>();
        api.path("paths").path("/api/v1/accounts/{accountId}").path("get").path("parameters")
                .forEach(parameter -> parameters.add(parameter.path("name").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("accountId", "minVersion");
        assertThat(http.get("/swagger-ui/index.html", operator()).status()).isEqualTo(200);
    }

    @Test
    void theServiceCreatesTheDeadLetterTopicsOfTheEventTopics() throws Exception {
        // that it creates no event topic is LateEventTopicsIT's: there they do not exist until the test creates them
        List<String> deadLetters = List.of(Topics.deadLetter(Topics.ACCOUNT_EVENTS),
                Topics.deadLetter(Topics.TRANSFER_EVENTS));
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Map<String, TopicDescription> described = admin.describeTopics(deadLetters).allTopicNames().get();
            assertThat(described).hasSize(2);
            described.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(2));
            ConfigResource accountDeadLetters = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters.get(0));
            Config config = admin.describeConfigs(List.of(accountDeadLetters)).all().get().get(accountDeadLetters);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }
}
