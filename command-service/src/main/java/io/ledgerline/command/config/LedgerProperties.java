package io.ledgerline.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the command side, with the defaults the local stack runs on. {@code instance} names this process
 * among the service's instances (the launcher sets {@code LEDGERLINE_INSTANCE}; a container's host name
 * otherwise): the metrics' {@code service_instance_id} label and the owner of the segments it claims.
 */
@ConfigurationProperties("ledgerline")
public record LedgerProperties(@DefaultValue("command-service") String instance, @DefaultValue Snapshots snapshots,
                               @DefaultValue Commands commands, @DefaultValue EventStore eventStore) {

    /** An account snapshot every {@code threshold} events keeps loading fast for busy accounts. */
    public record Snapshots(@DefaultValue("100") int threshold) {
    }

    /**
     * Commands are committed in batches of at most {@code maxBatch} (whatever queued while the previous batch
     * committed). Commands on one aggregate that collide on append (another instance) are retried up to
     * {@code maxRetries} times with exponential backoff starting at {@code retryBackoff}, then answered 409
     * concurrency-conflict. At most {@code cacheSize} aggregates stay cached between commands.
     */
    public record Commands(@DefaultValue("256") int maxBatch, @DefaultValue("5") int maxRetries,
                           @DefaultValue("10ms") Duration retryBackoff, @DefaultValue("100000") long cacheSize) {
    }

    /**
     * How long, and how far behind, the publisher waits for a gap in the global index to fill before giving it
     * up. PostgreSQL hands out the BIGSERIAL at insert and commits later, so gaps are normal under concurrency
     * (and a rolled-back batch leaves a gap for good); a transaction that commits after the gap was given up would
     * be skipped. So both bounds are far beyond any command transaction: 10 minutes, and a million positions,
     * which at the peak rate measured here (a few thousand events/s) is several minutes of events.
     */
    public record EventStore(@DefaultValue("10m") Duration gapTimeout, @DefaultValue("1000000") int maxGapOffset) {
    }
}
