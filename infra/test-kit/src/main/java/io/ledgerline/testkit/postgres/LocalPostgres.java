package io.ledgerline.testkit.postgres;

import io.ledgerline.testkit.process.Processes;
import io.ledgerline.testkit.process.Signal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server from embedded binaries (zonky). Tests use {@link #ephemeral()}: a throw-away data
 * folder with fsync off, which is fine for them. The local stack, fault drills and benchmarks use
 * {@link #durable}: zonky's defaults ({@code -F}, {@code synchronous_commit=off}) would let a SIGKILL or power
 * cut lose acknowledged commits and would flatter the figures, so fsync, synchronous commit and full page
 * writes are switched back on.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean supervised;
    private final ProcessHandle postmaster;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, boolean supervised) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.supervised = supervised;
        // Kept with its start time, so that a recycled pid in a stale postmaster.pid is never signalled.
        this.postmaster = postmasterPid(dataDirectory).stream().mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream).findFirst().orElse(null);
    }

    /** A fresh server on a free port, deleted when closed. */
    public static LocalPostgres ephemeral() {
        try {
            Path dir = Files.createTempDirectory("ledgerline-pg-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new LocalPostgres(pg, dir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** A server whose data survives restarts in {@code dataDirectory}, with crash-safe commits. */
    public static LocalPostgres durable(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        return new LocalPostgres(durableBuilder(dataDirectory, port).start(), dataDirectory, false);
    }

    /**
     * A durable server run by a supervisor (the local stack, fault drills). Its output is appended to
     * {@code logFile}, so it outlives this JVM's pipes. zonky registers a JVM shutdown hook that stops the server
     * at the same moment as every other hook runs; that hook is disarmed so the owner can stop the services
     * first. {@link #close()} then does the fast shutdown itself, and also works after the postmaster was killed.
     */
    public static LocalPostgres supervised(Path dataDirectory, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres pg = durableBuilder(dataDirectory, port)
                // TCP only: a Unix socket's lock file in /tmp names the postmaster's pid, and PostgreSQL refuses to
                // start while that pid still answers kill -0, which a killed, not yet reaped postmaster does.
                .setServerConfig("unix_socket_directories", "")
                .setOutputRedirector(log).setErrorRedirector(log)
                .start();
        ZonkyInternals.disarmShutdownHook(pg);
        return new LocalPostgres(pg, dataDirectory, true);
    }

    private static EmbeddedPostgres.Builder durableBuilder(Path dataDirectory, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(120));
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public EmbeddedPostgres embedded() {
        return postgres;
    }

    /** The postmaster this object started, if it is still running. */
    public Optional<ProcessHandle> postmaster() {
        return Optional.ofNullable(postmaster).filter(Processes::isRunning);
    }

    /** The postmaster's process id, from {@code postmaster.pid}, while the server runs. */
    public OptionalLong postmasterPid() {
        return postmasterPid(dataDirectory);
    }

    public static OptionalLong postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Stops the server. A supervised one gets PostgreSQL's fast shutdown (SIGINT, what {@code pg_ctl stop -m fast}
     * sends; SIGKILL if it takes longer than a minute) and then releases zonky's lock on the data directory, so
     * the same JVM can start it again.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (supervised) {
            postmaster().ifPresent(p -> Processes.stop(p, Signal.INT, FAST_SHUTDOWN_GRACE));
            ZonkyInternals.releaseDataDirectoryLock(postgres);
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}
