package io.ledgerline.prove.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the same PostgreSQL does with nothing in the way: {@code concurrency} connections, each committing
 * single-row INSERTs (autocommit, so every row is its own fsync'ed commit) into a table shaped like Axon's
 * {@code domainevententry}, for {@code duration}. The table lives in the server's {@code postgres} database, not
 * the ledger's, and is dropped afterwards.
 */
public final class PostgresBaseline {

    /** Inserts per second, and the latency of one commit. */
    public record Result(long inserts, double seconds, double perSecond, Histogram latencyMicros) {
    }

    private static final String TABLE = "prove_baseline_event_entry";

    private PostgresBaseline() {
    }

    public static Result run(String jdbcUrl, String user, int concurrency, Duration duration, long seed)
            throws Exception {
        try (Connection admin = connect(jdbcUrl, user); Statement s = admin.createStatement()) {
            s.execute("drop table if exists " + TABLE);
            s.execute("create table " + TABLE + """
                     (
                        globalIndex bigserial not null primary key,
                        aggregateIdentifier varchar(255) not null,
                        sequenceNumber bigint not null,
                        type varchar(255),
                        eventIdentifier varchar(255) not null unique,
                        metaData bytea,
                        payload bytea not null,
                        payloadRevision varchar(255),
                        payloadType varchar(255) not null,
                        timeStamp varchar(255) not null,
                        unique (aggregateIdentifier, sequenceNumber))""");
        }
        Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong inserts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    insertUntil(jdbcUrl, user, worker, end, new Random(seed + worker), latency, inserts);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection admin = connect(jdbcUrl, user); Statement s = admin.createStatement()) {
            s.execute("drop table " + TABLE);
        }
        return new Result(inserts.get(), seconds, inserts.get() / seconds, latency);
    }

    private static void insertUntil(String jdbcUrl, String user, int worker, long end, Random random,
                                    Histogram latency, AtomicLong inserts) throws SQLException {
        byte[] payload = new byte[160]; // about the size of one of our Avro events with its single-object header
        try (Connection c = connect(jdbcUrl, user); PreparedStatement insert = c.prepareStatement("insert into "
                + TABLE + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,"
                + " payloadType, timeStamp) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            long sequence = 0;
            while (System.nanoTime() < end) {
                random.nextBytes(payload);
                insert.setString(1, "account:baseline-" + worker + "-" + (sequence / 50));
                insert.setLong(2, sequence % 50);
                insert.setString(3, "Account");
                insert.setString(4, UUID.randomUUID().toString());
                insert.setBytes(5, ByteBuffer.allocate(8).putLong(sequence).array());
                insert.setBytes(6, payload);
                insert.setString(7, "io.ledgerline.contracts.account.MoneyDeposited");
                insert.setString(8, Instant.now().toString());
                long begin = System.nanoTime();
                insert.executeUpdate();
                latency.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                inserts.incrementAndGet();
                sequence++;
            }
        }
    }

    private static Connection connect(String jdbcUrl, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl, p);
    }
}
