package io.ledgerline.testkit.postgres;

import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.process.Processes;
import io.ledgerline.testkit.process.Signal;
import io.ledgerline.testkit.process.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as a managed process: a {@link LocalPostgres#supervised durable} zonky server whose handle is the
 * postmaster (from {@code postmaster.pid}). A restart starts zonky again on the same data directory and port.
 * The stack's database {@value #DATABASE} is created on first start.
 */
public final class PostgresProcess extends SupervisedProcess {

    public static final String NAME = "postgres";
    public static final String DATABASE = "ledgerline";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(PostgresProcess.class);

    private final Path dataDirectory;
    private final int port;
    private volatile LocalPostgres server;

    public PostgresProcess(Path dataDirectory, int port, ProcessContext context) {
        super(NAME, context, () -> selectOne(jdbcUrl(port)), Signal.INT, STOP_GRACE);
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    protected ProcessHandle launch() throws IOException, SQLException {
        stopLeftovers();
        server = LocalPostgres.supervised(dataDirectory, port, logFile());
        try {
            createDatabase();
        } catch (SQLException | RuntimeException e) {
            afterStop();
            throw e;
        }
        return server.postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL started but "
                + dataDirectory.resolve("postmaster.pid") + " names no running postmaster"));
    }

    @Override
    protected void afterStop() {
        LocalPostgres running = server;
        if (running != null) {
            running.close();
            server = null;
        }
    }

    /**
     * Clears what would stop a new server from starting on this data directory: a postmaster an earlier launcher
     * left running when it died; a stale {@code postmaster.pid} whose pid still answers {@code kill -0} (a killed
     * postmaster nobody has reaped yet, or a recycled pid), which PostgreSQL takes for a running server; and the
     * backends of a killed postmaster, which keep its shared memory attached until they notice it is gone.
     */
    public void stopLeftovers() {
        OptionalLong recorded = LocalPostgres.postmasterPid(dataDirectory);
        if (recorded.isEmpty()) {
            return;
        }
        long pid = recorded.getAsLong();
        ProcessHandle.of(pid).filter(Processes::isRunning).filter(this::isPostmasterHere).ifPresent(stale -> {
            log.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid, dataDirectory);
            Processes.stop(stale, Signal.INT, STOP_GRACE);
        });
        deletePidFile();
        List<ProcessHandle> orphans = Processes.inWorkingDirectory(dataDirectory);
        if (!orphans.isEmpty()) {
            log.info("waiting for {} processes of the stopped postmaster {} to exit", orphans.size(), pid);
            orphans.forEach(orphan -> {
                if (!Processes.awaitExit(orphan, ORPHAN_GRACE)) {
                    Signal.KILL.sendTo(orphan.pid());
                    Processes.awaitExit(orphan, ORPHAN_GRACE);
                }
            });
        }
    }

    /** A postgres process working in this data directory (a recycled pid is neither), as far as the OS tells. */
    private boolean isPostmasterHere(ProcessHandle process) {
        boolean postgres = process.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
        return postgres && Processes.workingDirectory(process).map(this::isDataDirectory).orElse(true);
    }

    private boolean isDataDirectory(Path directory) {
        try {
            return directory.equals(dataDirectory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabase() throws SQLException {
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/" + LocalPostgres.DATABASE;
        try (Connection c = DriverManager.getConnection(admin, connectionProperties());
             Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("create database " + DATABASE);
            }
        }
    }

    private static boolean selectOne(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, connectionProperties());
             Statement s = c.createStatement();
             ResultSet one = s.executeQuery("select 1")) {
            return one.next() && one.getInt(1) == 1;
        }
    }

    private static Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", LocalPostgres.USER);
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        return p;
    }
}
