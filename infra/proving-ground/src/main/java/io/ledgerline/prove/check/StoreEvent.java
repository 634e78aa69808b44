package io.ledgerline.prove.check;

import io.ledgerline.testkit.audit.StoredEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * One row of the event store, decoded.
 *
 * @param storedId  Axon's aggregate identifier, e.g. {@code account:acct-0001}
 * @param aggregate the bare id, as on Kafka and in the APIs
 */
public record StoreEvent(long globalIndex, String storedId, String aggregate, boolean account, long version,
                         String eventId, SpecificRecord event) {

    public StoredEvent toStoredEvent() {
        return new StoredEvent(aggregate, version, event);
    }

    /** Key of the aggregate stream, unique across types: an account and a transfer may share a bare id. */
    public String streamKey() {
        return storedId;
    }
}
