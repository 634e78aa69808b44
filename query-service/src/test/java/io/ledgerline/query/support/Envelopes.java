package io.ledgerline.query.support;

import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Envelopes as the Kafka decoder would produce them, for projection unit tests. */
public final class Envelopes {

    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private Envelopes() {
    }

    public static EventEnvelope account(String accountId, long version, SpecificRecord event) {
        return of(AggregateType.ACCOUNT, accountId, version, event);
    }

    public static EventEnvelope transfer(String transferId, long version, SpecificRecord event) {
        return of(AggregateType.TRANSFER, transferId, version, event);
    }

    /** occurredAt is T0 plus {@code version} minutes, so every version has its own, increasing time. */
    public static EventEnvelope of(AggregateType type, String id, long version, SpecificRecord event) {
        return new EventEnvelope(type, id, version, UUID.randomUUID().toString(), T0.plusSeconds(60 * version),
                "corr-1", event, LedgerCodec.contracts().encode(event));
    }
}
