package io.ledgerline.command.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes that wait for the end of the unit of work and then go to PostgreSQL as one JDBC batch per statement, in
 * the unit of work's transaction, at prepare-commit (beside the events): with pgjdbc's {@code
 * reWriteBatchedInserts} a batch of INSERTs becomes one multi-row INSERT. A batch of commands thus writes each
 * table once. Statements run in the order of their first use; outside a unit of work a write runs at once.
 * Whoever reads a table it also writes through here calls {@link #flush()} first.
 */
public final class DeferredWrites {

    private static final String RESOURCE = DeferredWrites.class.getName();

    private final JdbcTemplate jdbc;
    private final Map<String, List<Object[]>> pending = new LinkedHashMap<>();

    private DeferredWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues {@code sql} with {@code args} (no nulls: their SQL type would cost a round trip to find out). */
    public static void add(JdbcTemplate jdbc, String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        DeferredWrites writes = root.getOrComputeResource(RESOURCE, key -> {
            DeferredWrites created = new DeferredWrites(jdbc);
            root.onPrepareCommit(unitOfWork -> created.writePending());
            return created;
        });
        writes.pending.computeIfAbsent(sql, key -> new ArrayList<>()).add(args);
    }

    /** Writes what the current unit of work queued so far, so a query in the same transaction sees it. */
    public static void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            DeferredWrites writes = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (writes != null) {
                writes.writePending();
            }
        }
    }

    private void writePending() {
        pending.forEach(jdbc::batchUpdate);
        pending.clear();
    }
}
