package io.ledgerline.testkit.audit;

import org.apache.avro.specific.SpecificRecord;

/** One event of one aggregate stream, decoded with the contracts codec, wherever it was read from. */
public record StoredEvent(String aggregateId, long version, SpecificRecord event) {
}
