package io.ledgerline.command.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last stored sequence number of each aggregate, as PostgreSQL has it now: what a cached aggregate must match
 * to be used ({@link CurrentStateRepository}). A batch reads it for every aggregate its commands target, in one
 * query (an index-only lookup per aggregate on the event table's unique key); outside a batch, or for an
 * aggregate the batch did not target, it is read on demand.
 */
@Component
public class StoredSequences implements BatchPrefetch {

    private static final String PREFETCHED = StoredSequences.class.getName();
    private static final String LAST_SEQUENCE = "select max(sequencenumber) from domainevententry"
            + " where aggregateidentifier = ?";
    private static final String LAST_SEQUENCES = "select k.id, (select max(e.sequencenumber) from domainevententry e"
            + " where e.aggregateidentifier = k.id) from unnest(?::varchar[]) as k(id)";

    private final JdbcTemplate jdbc;

    public StoredSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void prefetch(List<CommandMessage<?>> commands, UnitOfWork<?> batch) {
        Set<String> ids = CommandTargets.of(commands);
        Map<String, Long> sequences = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(LAST_SEQUENCES);
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, row -> {
            long last = row.getLong(2);
            sequences.put(row.getString(1), row.wasNull() ? null : last);
        });
        batch.resources().put(PREFETCHED, sequences);
    }

    /** The aggregate's last sequence number in the event store; null when it has no events. */
    public Long lastSequenceOf(String aggregateId) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Long> prefetched = CurrentUnitOfWork.get().root().getResource(PREFETCHED);
            if (prefetched != null && prefetched.containsKey(aggregateId)) {
                return prefetched.get(aggregateId);
            }
        }
        return jdbc.queryForObject(LAST_SEQUENCE, Long.class, aggregateId);
    }
}
