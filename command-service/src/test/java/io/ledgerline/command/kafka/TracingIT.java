package io.ledgerline.command.kafka;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The W3C trace context of a request or command message travels into every event it causes, on Kafka. */
class TracingIT extends CommandServiceIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLERS_TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String SAME_TRACE = "00-" + TRACE_ID + "-[0-9a-f]{16}-01";


    @Test
    void continuesTheCallersTraceIntoTheEvents() {
        String id = unique("acc");
        api.post("/api/v1/accounts", SERVICE, json("accountId", id, "ownerId", "alice", "currency", "EUR"),
                "traceparent", CALLERS_TRACEPARENT);

        TopicReader.Event opened = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 1).get(0);
        assertThat(opened.header(LedgerHeaders.TRACEPARENT)).matches(SAME_TRACE);
    }

    @Test
    void startsATraceForACallerWithoutOne() {
        String id = unique("acc");
        api.post("/api/v1/accounts", SERVICE, json("accountId", id, "ownerId", "alice", "currency", "EUR"));

        TopicReader.Event opened = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 1).get(0);
        assertThat(opened.header(LedgerHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .doesNotContain(TRACE_ID);
    }

    @Test
    void carriesTheTraceThroughEveryStepOfATransfer() {
        String source = openAccount("alice", "EUR", 100);
        String destination = openAccount("bob", "EUR", 0);
        String transferId = unique("t");
        Response requested = api.post("/api/v1/transfers", SERVICE, json("transferId", transferId,
                "sourceAccountId", source, "destinationAccountId", destination, "amount", 40, "currency", "EUR"),
                "traceparent", CALLERS_TRACEPARENT);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);

        List<TopicReader.Event> transfer = TopicReader.awaitEvents(brokers, Topics.TRANSFER_EVENTS, transferId, 2);
        TopicReader.Event debited = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, source, 3).get(2);
        TopicReader.Event credited = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, destination, 2).get(1);
        assertThat(List.of(transfer.get(0), transfer.get(1), debited, credited))
                .extracting(event -> event.header(LedgerHeaders.TRACEPARENT))
                .allSatisfy(traceparent -> assertThat(traceparent).matches(SAME_TRACE));
    }

    @Test
    void continuesAProducersTraceFromTheCommandTopic() {
        String id = unique("acc");
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(COMMAND_TOPIC, id,
                LedgerCodec.contracts().encode(Commands.open(id, "alice", "EUR")));
        message.headers().add(LedgerHeaders.COMMAND_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        message.headers().add(LedgerHeaders.TRACEPARENT, CALLERS_TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(message);
        }

        TopicReader.Event opened = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 1).get(0);
        assertThat(opened.header(LedgerHeaders.TRACEPARENT)).matches(SAME_TRACE);
    }
}
