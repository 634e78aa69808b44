package io.ledgerline.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The layout of the local stack's data folder; everything a run keeps lives under {@code root}. */
public record DataFolder(Path root) {

    /** Marks a folder the launcher created, so {@code --clean} never wipes a folder someone mistyped. */
    static final String MARKER = ".ledgerline-data";

    public DataFolder {
        root = root.toAbsolutePath().normalize();
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path mongoFile() {
        return root.resolve("mongo").resolve("ledgerline.mv");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Pid files and the launcher lock. */
    public Path run() {
        return root.resolve("run");
    }

    public Path signingKeys() {
        return root.resolve("keys").resolve("signing-keys.json");
    }

    /**
     * The deployment's own secrets other than the signing keys, one file per Spring property (a Spring Boot
     * config tree): the query-service's cursor key.
     */
    public Path secrets() {
        return root.resolve("secrets");
    }

    /**
     * The Kafka users' passwords, one file per user, and each service's Kafka login as a Spring Boot config tree
     * ({@code config/<service>/}). Not under {@link #secrets()}, which the query-service reads as a config tree.
     */
    public Path kafkaUsers() {
        return root.resolve("kafka-users");
    }

    public Path tokensEnv() {
        return root.resolve("tokens.env");
    }

    private Path lockFile() {
        return run().resolve("launcher.lock");
    }

    /**
     * Takes the folder for this JVM: two launchers on one folder would fight over the same processes. The OS
     * drops the lock when the holder dies, however it dies, so a crashed run never blocks the next one.
     */
    public Closeable lock() throws IOException {
        Files.createDirectories(run());
        FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(lockFile()).trim();
            channel.close();
            throw new IllegalStateException("the data folder " + root + " is in use by another launcher"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first or use another folder");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    /**
     * Makes sure the folder is the launcher's: a new or empty one gets the marker; one that holds anything else
     * is refused, so a mistyped {@code --data ~} never becomes a folder that {@code --clean} empties.
     */
    public void claim() throws IOException {
        if (Files.exists(root.resolve(MARKER))) {
            return;
        }
        Files.createDirectories(root);
        if (!foreignContent().isEmpty()) {
            throw new IllegalStateException(root + " is not empty and was not made by infra/run-local (no " + MARKER
                    + " file); choose a new or empty data folder");
        }
        Files.writeString(root.resolve(MARKER), "Ledgerline local data folder; infra/run-local --clean wipes it.\n");
    }

    /** Claims the folder and creates its subfolders. */
    void prepare() throws IOException {
        claim();
        for (Path dir : List.of(postgres(), kafka(), mongoFile().getParent(), logs(), run())) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Deletes everything but the lock. Refuses a folder that holds something and was not made by the launcher:
     * {@code --clean --data ~} must not empty a home directory.
     */
    void wipe() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> doomed = foreignContent();
        if (!Files.exists(root.resolve(MARKER)) && !doomed.isEmpty()) {
            throw new IllegalStateException("refusing to wipe " + root + ": it is not a Ledgerline data folder"
                    + " (no " + MARKER + " file)");
        }
        for (Path p : doomed) {
            Files.delete(p);
        }
    }

    /** Everything in the folder but the launcher lock, deepest first. */
    private List<Path> foreignContent() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root) && !p.equals(run()) && !p.equals(lockFile()))
                    .sorted(Comparator.reverseOrder()).toList();
        }
    }
}
