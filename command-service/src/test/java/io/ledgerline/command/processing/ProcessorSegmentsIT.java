package io.ledgerline.command.processing;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Splitting and merging a processor's segments on a running store (Axon's split/merge, through the operator
 * endpoint): the publisher split in two publishes every account's events in order from both halves, and merged
 * again carries on with one. Ends merged, as every other test of this context expects.
 */
class ProcessorSegmentsIT extends CommandServiceIT {

    private static final String PROCESSORS = "/api/v1/admin/processors";
    private static final String PUBLISHER = PROCESSORS + "/kafka-publisher";

    @Test
    void theSplitPublisherPublishesFromBothHalvesInOrderAndMergesBack() {
        JsonNode before = awaitHeldHere(1);
        assertThat(before.path("segments").get(0).path("owner").asText()).startsWith("command-service (");

        Response split = api.post(PUBLISHER + "/segments/0/split", OPERATOR, "");

        assertThat(split.status()).as(split.toString()).isEqualTo(200);
        assertThat(split.json().path("segmentCount").asInt()).isEqualTo(2);
        awaitHeldHere(2);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = openAccount("alice", "EUR", 100);
            api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                    json("transactionId", "after-split", "amount", 5, "currency", "EUR"));
            accounts.add(id);
        }
        for (String id : accounts) {
            assertThat(TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 3))
                    .extracting(TopicReader.Event::version).containsExactly(1L, 2L, 3L);
        }
        long last = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(segments(api.get(PUBLISHER, OPERATOR)
                .json())).allSatisfy(s -> assertThat(s.path("position").asLong()).isGreaterThanOrEqualTo(last)));

        Response merged = api.post(PUBLISHER + "/segments/0/merge", OPERATOR, "");

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("segmentCount").asInt()).isEqualTo(1);
        awaitHeldHere(1);
        String after = openAccount("alice", "EUR", 7);
        assertThat(TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, after, 2))
                .extracting(TopicReader.Event::version).containsExactly(1L, 2L);
    }

    @Test
    void listsEveryProcessorWithTheInstanceThatHoldsItsSegments() {
        Response all = api.get(PROCESSORS, OPERATOR);

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("instance").asText()).isEqualTo("command-service");
        assertThat(StreamSupport.stream(all.json().path("processors").spliterator(), false)
                .map(p -> p.path("name").asText())).containsExactly("kafka-publisher", "transfer-process");
    }

    @Test
    void answersUnknownProcessorsAndSegmentsWithNotFound() {
        for (String path : List.of(PROCESSORS + "/no-such", PROCESSORS + "/no-such/segments/0/split",
                PUBLISHER + "/segments/99/split", PUBLISHER + "/segments/99/merge")) {
            Response response = path.endsWith("split") || path.endsWith("merge")
                    ? api.post(path, OPERATOR, "") : api.get(path, OPERATOR);
            assertThat(response.status()).as(path + " -> " + response).isEqualTo(404);
            assertThat(response.code()).isEqualTo("not-found");
        }
        Response notANumber = api.post(PUBLISHER + "/segments/x/split", OPERATOR, "");
        assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
    }

    @Test
    void isForOperatorsOnly() {
        for (String token : List.of(CUSTOMER, SERVICE, AUDITOR)) {
            assertThat(api.get(PROCESSORS, token).status()).isEqualTo(403);
            assertThat(api.post(PUBLISHER + "/segments/0/split", token, "").status()).isEqualTo(403);
        }
        assertThat(api.get(PROCESSORS, null).status()).isEqualTo(401);
    }

    /** Waits until the publisher has {@code count} segments, all held by this instance. */
    private JsonNode awaitHeldHere(int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get(PUBLISHER, OPERATOR).json(),
                view -> view.path("segmentCount").asInt() == count
                        && segments(view).stream().allMatch(s -> s.path("claimedHere").asBoolean()));
    }

    private static List<JsonNode> segments(JsonNode view) {
        return StreamSupport.stream(view.path("segments").spliterator(), false).toList();
    }
}
