package io.ledgerline.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Tunables of the command side, with the defaults the local stack runs on. */
@ConfigurationProperties("ledgerline")
public record LedgerProperties(@DefaultValue Snapshots snapshots, @DefaultValue Commands commands,
                               @DefaultValue EventStore eventStore) {

    /** An account snapshot every {@code threshold} events keeps loading fast for busy accounts. */
    public record Snapshots(@DefaultValue("100") int threshold) {
    }

    /**
     * Commands run on {@code workers} threads, each in its own transaction. Concurrent commands on one aggregate
     * that collide on append are retried up to {@code maxRetries} times with exponential backoff starting at
     * {@code retryBackoff}, then answered 409 concurrency-conflict.
     */
    public record Commands(@DefaultValue("16") int workers, @DefaultValue("5") int maxRetries,
                           @DefaultValue("10ms") Duration retryBackoff) {
    }

    /**
     * How long the publisher waits for a gap in the global index to fill before giving it up. PostgreSQL hands out
     * the BIGSERIAL at insert and commits later, so gaps are normal under concurrency; a transaction that commits
     * after this timeout would be skipped, so it is far longer than any command transaction.
     */
    public record EventStore(@DefaultValue("10m") Duration gapTimeout, @DefaultValue("10000") int maxGapOffset) {
    }
}
