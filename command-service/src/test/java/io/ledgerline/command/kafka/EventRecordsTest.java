package io.ledgerline.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.ledger.MetaDataKeys;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.events.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Test
    void publishesAnAccountEventUnderItsBareIdWithTheContractHeaders() {
        MoneyDeposited deposited = Events.deposited("transfer:x", "tx", 5, "EUR", 5, null);
        Instant at = Instant.parse("2026-11-27T10:15:30.123Z");
        var event = new GenericDomainEventMessage<>("Account", "account:transfer:x", 1, deposited,
                MetaData.from(Map.of(MetaDataKeys.CORRELATION_ID, "corr-1", MetaDataKeys.CAUSATION_ID, "cmd-1")),
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301", at);

        ProducerRecord<String, byte[]> record = EventRecords.toRecord(event, codec);

        assertThat(record.topic()).isEqualTo(Topics.ACCOUNT_EVENTS);
        assertThat(record.key()).isEqualTo("transfer:x");
        assertThat(codec.decode(record.value())).isEqualTo(deposited);
        assertThat(header(record, LedgerHeaders.AGGREGATE_ID)).isEqualTo("transfer:x");
        assertThat(header(record, LedgerHeaders.AGGREGATE_VERSION)).isEqualTo("2");
        assertThat(header(record, LedgerHeaders.EVENT_ID)).isEqualTo("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(header(record, LedgerHeaders.EVENT_TYPE)).isEqualTo("io.ledgerline.contracts.account.MoneyDeposited");
        assertThat(header(record, LedgerHeaders.OCCURRED_AT)).isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(header(record, LedgerHeaders.CORRELATION_ID)).isEqualTo("corr-1");
        assertThat(header(record, LedgerHeaders.CAUSATION_ID)).isEqualTo("cmd-1");
        assertThat(record.timestamp()).isEqualTo(at.toEpochMilli());
    }

    @Test
    void publishesATransferEventOnTheTransferTopic() {
        var event = new GenericDomainEventMessage<>("Transfer", "transfer:account:y", 1,
                Events.completed("account:y"));
        ProducerRecord<String, byte[]> record = EventRecords.toRecord(event, codec);
        assertThat(record.topic()).isEqualTo(Topics.TRANSFER_EVENTS);
        assertThat(record.key()).isEqualTo("account:y");
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
