package io.ledgerline.query.admin;

import java.time.Instant;
import java.util.List;

/**
 * The latest rebuild as kept in {@code projection_meta}, so any instance can report it. {@code heartbeatAt}
 * moves while the rebuild runs; a RUNNING rebuild whose heartbeat stopped may be started over.
 */
public record RebuildProgress(RebuildState state, long targetGeneration, Instant startedAt, Instant heartbeatAt,
                              Instant finishedAt, long eventsApplied, long eventsSkipped,
                              List<PartitionProgress> partitions, String detail) {

    static RebuildProgress started(long targetGeneration, Instant now) {
        return new RebuildProgress(RebuildState.RUNNING, targetGeneration, now, now, null, 0, 0, List.of(), null);
    }

    RebuildProgress running(Instant now, long applied, long skipped, List<PartitionProgress> positions) {
        return new RebuildProgress(RebuildState.RUNNING, targetGeneration, startedAt, now, null, applied, skipped,
                positions, null);
    }

    RebuildProgress finished(RebuildState finalState, Instant now, String why) {
        return new RebuildProgress(finalState, targetGeneration, startedAt, now, now, eventsApplied, eventsSkipped,
                partitions, why);
    }
}
