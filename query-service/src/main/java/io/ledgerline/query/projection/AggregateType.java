package io.ledgerline.query.projection;

import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.transfer.TransferRequested;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The two event streams the query side projects, with what tells their events apart. */
public enum AggregateType {

    ACCOUNT("account", Topics.ACCOUNT_EVENTS, "accountId", AccountOpened.class),
    TRANSFER("transfer", Topics.TRANSFER_EVENTS, "transferId", TransferRequested.class);

    private final String label;
    private final String topic;
    private final String idField;
    private final Class<? extends SpecificRecord> firstEvent;
    /** The Avro namespace of the stream's schemas, as the contract declares it on its first event's schema. */
    private final String namespace;

    AggregateType(String label, String topic, String idField, Class<? extends SpecificRecord> firstEvent) {
        this.label = label;
        this.topic = topic;
        this.idField = idField;
        this.firstEvent = firstEvent;
        this.namespace = SpecificData.get().getSchema(firstEvent).getNamespace();
    }

    public static Optional<AggregateType> ofTopic(String topic) {
        return Arrays.stream(values()).filter(type -> type.topic.equals(topic)).findFirst();
    }

    public String label() {
        return label;
    }

    public String topic() {
        return topic;
    }

    /** Whether the event belongs to this stream: its schema is in the namespace of the stream's first event. */
    public boolean owns(SpecificRecord event) {
        return namespace.equals(event.getSchema().getNamespace());
    }

    /** Whether the event is the one that starts a stream (version 1). */
    public boolean isFirstEvent(SpecificRecord event) {
        return firstEvent.isInstance(event);
    }

    /** The aggregate id the event carries in its payload. */
    public String aggregateIdOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField(idField);
        Object value = field == null ? null : event.get(field.pos());
        return value == null ? null : value.toString();
    }
}
