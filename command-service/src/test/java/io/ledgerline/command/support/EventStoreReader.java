package io.ledgerline.command.support;

import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.audit.StoredEvent;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event store directly (read-only SQL) and decodes payloads with the contracts codec. */
public final class EventStoreReader {

    public record Streams(List<StoredEvent> accounts, List<StoredEvent> transfers) {
    }

    private EventStoreReader() {
    }

    public static Streams read(JdbcTemplate jdbc) {
        List<Row> rows = jdbc.query("""
                        select aggregateidentifier, sequencenumber, payload from domainevententry
                        order by globalindex""",
                (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
        LedgerCodec codec = LedgerCodec.contracts();
        List<StoredEvent> accounts = rows.stream().filter(row -> AggregateIds.isAccount(row.storedId()))
                .map(row -> row.decode(codec)).toList();
        List<StoredEvent> transfers = rows.stream().filter(row -> AggregateIds.isTransfer(row.storedId()))
                .map(row -> row.decode(codec)).toList();
        return new Streams(accounts, transfers);
    }

    /** The events of one account, in order. */
    public static List<StoredEvent> account(JdbcTemplate jdbc, String accountId) {
        LedgerCodec codec = LedgerCodec.contracts();
        return jdbc.query("""
                        select aggregateidentifier, sequencenumber, payload from domainevententry
                        where aggregateidentifier = ? order by sequencenumber""",
                (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getBytes(3)), AggregateIds.account(accountId))
                .stream().map(row -> row.decode(codec)).toList();
    }

    private record Row(String storedId, long sequence, byte[] payload) {
        StoredEvent decode(LedgerCodec codec) {
            return new StoredEvent(AggregateIds.bare(storedId), sequence + 1, codec.decode(payload));
        }
    }
}
