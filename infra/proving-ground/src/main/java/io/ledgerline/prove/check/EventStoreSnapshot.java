package io.ledgerline.prove.check;

import io.ledgerline.contracts.codec.LedgerCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The event store read with read-only SQL (a read-only transaction), payloads decoded with the contracts codec. */
public final class EventStoreSnapshot {

    private static final String ACCOUNT = "account:";
    private static final String TRANSFER = "transfer:";

    private EventStoreSnapshot() {
    }

    public static List<StoreEvent> read(String jdbcUrl, String user) throws SQLException {
        LedgerCodec codec = LedgerCodec.contracts();
        List<StoreEvent> events = new ArrayList<>();
        try (Connection c = connect(jdbcUrl, user)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement readOnly = c.createStatement()) {
                readOnly.execute("set transaction isolation level repeatable read, read only");
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select globalindex, aggregateidentifier, sequencenumber, eventidentifier, payload
                    from domainevententry order by globalindex""")) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String stored = rs.getString(2);
                        boolean account = stored.startsWith(ACCOUNT);
                        if (!account && !stored.startsWith(TRANSFER)) {
                            throw new IllegalStateException("unexpected aggregate identifier " + stored);
                        }
                        String bare = stored.substring(account ? ACCOUNT.length() : TRANSFER.length());
                        events.add(new StoreEvent(rs.getLong(1), stored, bare, account, rs.getLong(3) + 1,
                                rs.getString(4), codec.decode(rs.getBytes(5))));
                    }
                }
            }
            c.rollback();
        }
        return events;
    }

    /** A single number from read-only SQL, e.g. {@code select count(*) from transfer_in_flight}. */
    public static long count(String jdbcUrl, String user, String sql) throws SQLException {
        try (Connection c = connect(jdbcUrl, user); Statement s = c.createStatement()) {
            c.setReadOnly(true);
            try (ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static Connection connect(String jdbcUrl, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "120");
        return DriverManager.getConnection(jdbcUrl, p);
    }
}
