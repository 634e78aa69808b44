package io.ledgerline.command.kafka;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-publication from an event-store position: the same events again, with their own ids, then business as usual. */
class RepublishIT extends CommandServiceIT {

    private static final String STATUS = "/api/v1/admin/publication";
    private static final String REPUBLISH = STATUS + "/republish";


    @Test
    void publishesTheEventsFromThePositionAgainWithTheirOriginalIdsAndThenCarriesOn() {
        openAccount("carol", "EUR", 0); // so that the start is never the first event, whichever test runs first
        String id = openAccount("alice", "EUR", 700);
        long first = positionOf(id, 1);
        long last = positionOf(id, 2);
        List<TopicReader.Event> original = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedPosition() >= last);

        Response started = api.post(REPUBLISH, OPERATOR, json("fromPosition", first));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("processor").asText()).isEqualTo("kafka-publisher");
        assertThat(started.json().path("replaying").asBoolean()).isTrue();
        assertThat(started.json().path("position").asLong()).isEqualTo(first - 1);
        List<TopicReader.Event> events = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 4);
        assertThat(events).extracting(TopicReader.Event::version).containsExactly(1L, 2L, 1L, 2L);
        assertThat(events.subList(2, 4)).extracting(event -> event.header(LedgerHeaders.EVENT_ID))
                .containsExactlyElementsOf(original.stream().map(e -> e.header(LedgerHeaders.EVENT_ID)).toList());
        assertThat(events.subList(2, 4)).extracting(TopicReader.Event::value)
                .containsExactlyElementsOf(original.stream().map(TopicReader.Event::value).toList());

        api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                json("transactionId", "after-replay", "amount", 5, "currency", "EUR"));
        assertThat(TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 5))
                .extracting(TopicReader.Event::version).containsExactly(1L, 2L, 1L, 2L, 3L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response status = api.get(STATUS, OPERATOR);
            assertThat(status.json().path("running").asBoolean()).isTrue();
            assertThat(status.json().path("replaying").asBoolean()).isFalse();
            assertThat(status.json().path("position").asLong()).isGreaterThanOrEqualTo(positionOf(id, 3));
        });
    }

    @Test
    void refusesAStartBeyondWhatWasPublishedSoNothingIsSkipped() {
        Response status = api.get(STATUS, OPERATOR);
        long head = status.json().path("headPosition").asLong();

        Response refused = api.post(REPUBLISH, OPERATOR, json("fromPosition", head + 1_000));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation-failed");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("fromPosition");
        assertThat(api.get(STATUS, OPERATOR).json().path("running").asBoolean()).isTrue();
    }

    @Test
    void refusesMalformedRequests() {
        for (String body : List.of("{}", "{\"fromPosition\":-1}", "{\"fromPosition\":\"1\"}",
                "{\"fromPosition\":1,\"extra\":true}", "{\"fromPosition\":99999999999999999999}")) {
            Response refused = api.post(REPUBLISH, OPERATOR, body);
            assertThat(refused.status()).as(body + " -> " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation-failed");
        }
    }

    /**
     * Another instance's re-publication (its pause row, as {@code PublicationPause} writes it): this instance stops
     * publishing while it holds, refuses a second re-publication meanwhile, keeps taking commands (the event store
     * is the outbox), and publishes them once the pause ends.
     */
    @Test
    void followsAnotherInstancesPauseAndRefusesASecondRepublicationMeanwhile() {
        String id;
        jdbc.update("""
                insert into publication_pause (processor, generation, paused, requested_by, requested_at)
                values ('kafka-publisher', 1000, true, 'command-service-9', now())
                on conflict (processor) do update set generation = 1000, paused = true,
                       requested_by = 'command-service-9', requested_at = now()""");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !api.get(STATUS, OPERATOR).json().path("running")
                    .asBoolean());

            Response refused = api.post(REPUBLISH, OPERATOR, json("fromPosition", 1));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("concurrency-conflict");
            id = openAccount("alice", "EUR", 40);
        } finally {
            jdbc.update("update publication_pause set paused = false where processor = 'kafka-publisher'");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(STATUS, OPERATOR).json().path("running")
                .asBoolean());
        assertThat(TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 2))
                .extracting(TopicReader.Event::version).containsExactly(1L, 2L);
    }

    @Test
    void isForOperatorsOnly() {
        for (String token : List.of(CUSTOMER, SERVICE, AUDITOR)) {
            assertThat(api.get(STATUS, token).status()).isEqualTo(403);
            assertThat(api.post(REPUBLISH, token, json("fromPosition", 1)).status()).isEqualTo(403);
        }
        assertThat(api.post(REPUBLISH, null, json("fromPosition", 1)).status()).isEqualTo(401);
        assertThat(api.get(STATUS, OPERATOR).status()).isEqualTo(200);
    }

    private long positionOf(String accountId, long version) {
        return jdbc.queryForObject("""
                select globalindex from domainevententry where aggregateidentifier = ? and sequencenumber = ?""",
                Long.class, "account:" + accountId, version - 1);
    }

    private long publishedPosition() {
        return api.get(STATUS, OPERATOR).json().path("position").asLong(-1);
    }
}
