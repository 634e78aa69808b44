package io.ledgerline.query.kafka;

import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static io.ledgerline.testkit.events.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.contracts.codec.UnknownSchemaException;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventRecordDecoderTest {

    private final EventRecordDecoder decoder = new EventRecordDecoder(LedgerCodec.contracts());
    private final String eventId = UUID.randomUUID().toString();

    private Map<String, String> headers(String aggregateId, long version, SpecificRecord event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LedgerHeaders.EVENT_ID, eventId);
        headers.put(LedgerHeaders.EVENT_TYPE, event.getSchema().getFullName());
        headers.put(LedgerHeaders.AGGREGATE_ID, aggregateId);
        headers.put(LedgerHeaders.AGGREGATE_VERSION, Long.toString(version));
        headers.put(LedgerHeaders.OCCURRED_AT, "2026-11-27T10:15:30.123Z");
        headers.put(LedgerHeaders.CORRELATION_ID, "corr-7");
        return headers;
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, Map<String, String> headers, byte[] value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, 42, "key".getBytes(), value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static byte[] encode(SpecificRecord event) {
        return LedgerCodec.contracts().encode(event);
    }

    @Test
    void decodesTheEventWithWhatItsHeadersSay() {
        SpecificRecord event = deposited("acc-1", "tx-1", 10, "EUR", 10, null);

        EventEnvelope envelope = decoder.decode(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, event),
                encode(event)));

        assertThat(envelope.aggregateType()).isEqualTo(AggregateType.ACCOUNT);
        assertThat(envelope.aggregateId()).isEqualTo("acc-1");
        assertThat(envelope.version()).isEqualTo(2);
        assertThat(envelope.eventId()).isEqualTo(eventId);
        assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30.123Z"));
        assertThat(envelope.correlationId()).isEqualTo("corr-7");
        assertThat(envelope.event()).isEqualTo(event);
    }

    @Test
    void refusesMissingOrInvalidHeaders() {
        SpecificRecord event = deposited("acc-1", "tx-1", 10, "EUR", 10, null);
        for (String[] change : new String[][] {
            {LedgerHeaders.AGGREGATE_VERSION, null}, {LedgerHeaders.AGGREGATE_VERSION, "two"},
            {LedgerHeaders.AGGREGATE_VERSION, "0"}, {LedgerHeaders.OCCURRED_AT, "yesterday"},
            {LedgerHeaders.OCCURRED_AT, null}, {LedgerHeaders.EVENT_ID, null}, {LedgerHeaders.EVENT_ID, "not-a-uuid"},
            {LedgerHeaders.AGGREGATE_ID, null}, {LedgerHeaders.AGGREGATE_ID, "{\"$ne\":1}"},
            {LedgerHeaders.EVENT_TYPE, null}}) {
            Map<String, String> headers = headers("acc-1", 2, event);
            if (change[1] == null) {
                headers.remove(change[0]);
            } else {
                headers.put(change[0], change[1]);
            }

            assertThatThrownBy(() -> decoder.decode(record(Topics.ACCOUNT_EVENTS, headers, encode(event))))
                    .as("%s=%s", change[0], change[1])
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.code()).isEqualTo(InvalidEventException.INVALID_HEADERS));
        }
    }

    @Test
    void refusesHeadersThatContradictThePayload() {
        SpecificRecord deposit = deposited("acc-1", "tx-1", 10, "EUR", 10, null);
        Map<String, String> wrongType = headers("acc-1", 2, deposit);
        wrongType.put(LedgerHeaders.EVENT_TYPE, "io.ledgerline.contracts.account.MoneyWithdrawn");
        SpecificRecord transferEvent = requested("tr-1", "a", "b", 1, "EUR");

        assertInvalidEvent(record(Topics.ACCOUNT_EVENTS, wrongType, encode(deposit)));
        assertInvalidEvent(record(Topics.ACCOUNT_EVENTS, headers("acc-2", 2, deposit), encode(deposit)));
        assertInvalidEvent(record(Topics.ACCOUNT_EVENTS, headers("tr-1", 1, transferEvent), encode(transferEvent)));
        assertInvalidEvent(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 1, deposit), encode(deposit)));
        SpecificRecord opening = opened("acc-1", "owner", "EUR", 0);
        assertInvalidEvent(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, opening), encode(opening)));
    }

    private void assertInvalidEvent(ConsumerRecord<byte[], byte[]> record) {
        assertThatThrownBy(() -> decoder.decode(record))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidEventException.INVALID_EVENT));
    }

    @Test
    void bytesThatAreNotAnEventAreMalformed() {
        SpecificRecord event = deposited("acc-1", "tx-1", 10, "EUR", 10, null);
        byte[] truncated = java.util.Arrays.copyOf(encode(event), 14);

        assertThatThrownBy(() -> decoder.decode(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, event),
                "garbage".getBytes()))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> decoder.decode(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, event),
                truncated))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> decoder.decode(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, event), null)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aWellFormedMessageOfAnUnknownSchemaIsLeftForRetry() {
        SpecificRecord event = deposited("acc-1", "tx-1", 10, "EUR", 10, null);
        byte[] unknown = encode(event);
        unknown[2] ^= 0x5A; // another fingerprint: a writer schema this reader has never seen

        assertThatThrownBy(() -> decoder.decode(record(Topics.ACCOUNT_EVENTS, headers("acc-1", 2, event), unknown)))
                .isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void aDeadLetterCodeNamesWhatWasWrong() {
        assertThat(DeadLetters.errorCode(new RuntimeException(new MalformedMessageException("x", null))))
                .isEqualTo(DeadLetters.MALFORMED_MESSAGE);
        assertThat(DeadLetters.errorCode(new RuntimeException(
                new InvalidEventException(InvalidEventException.INVALID_HEADERS, "x"))))
                .isEqualTo(InvalidEventException.INVALID_HEADERS);
    }
}
