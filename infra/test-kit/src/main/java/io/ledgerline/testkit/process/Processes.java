package io.ledgerline.testkit.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Small operations on OS processes that are not necessarily children of this JVM. */
public final class Processes {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);
    private static final Path PROC = Path.of("/proc");
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private Processes() {
    }

    /**
     * Stops a process: the polite signal, CONT in case a drill froze it, then KILL if it is still running after
     * {@code grace}. Returns true when it had to be killed.
     */
    public static boolean stop(ProcessHandle process, Signal polite, Duration grace) {
        if (!isRunning(process)) {
            return false;
        }
        polite.sendTo(process.pid());
        Signal.CONT.sendTo(process.pid());
        if (awaitExit(process, grace)) {
            return false;
        }
        Signal.KILL.sendTo(process.pid());
        if (!awaitExit(process, AFTER_KILL)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
        return true;
    }

    /**
     * Waits until the process has exited. Polls, because {@link ProcessHandle#onExit()} backs off to five-second
     * polls for processes that are not our children (a postmaster started by pg_ctl). An exited process whose
     * parent has not reaped it yet (a zombie: containers whose init never reaps) counts as exited.
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(POLL);
        }
        return true;
    }

    /** Alive and not a zombie. */
    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false; // gone, or no /proc: isAlive() decides
        }
    }

    /**
     * The live processes whose working directory is {@code directory}, from {@code /proc} (empty where there is
     * none). PostgreSQL's processes all run in the data directory, and each backend is its own session leader, so
     * this is how the backends orphaned by a killed postmaster are found.
     */
    public static List<ProcessHandle> inWorkingDirectory(Path directory) {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC) || !Files.isDirectory(directory)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            Path wanted = directory.toRealPath();
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> wanted.equals(workingDirectory(p)))
                    .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(found::add));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + PROC, e);
        }
        return found;
    }

    /** The process's working directory, where {@code /proc} tells. */
    public static Optional<Path> workingDirectory(ProcessHandle process) {
        return Optional.ofNullable(workingDirectory(PROC.resolve(Long.toString(process.pid()))));
    }

    private static Path workingDirectory(Path procEntry) {
        try {
            return Files.readSymbolicLink(procEntry.resolve("cwd"));
        } catch (IOException | RuntimeException e) {
            return null; // exited while we looked, another user's process, or no /proc
        }
    }

    /**
     * The command prefixed with {@code setsid} where available: a child in its own session does not get the
     * terminal's Ctrl-C, so the launcher can stop the services before the infrastructure instead of everything
     * stopping at once.
     */
    public static List<String> inOwnSession(List<String> command) {
        List<String> result = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> result.add(p.toString()));
        result.addAll(command);
        return result;
    }

    /** The last lines of a log file (read from its last 64 KiB, logs grow across restarts), for error messages. */
    public static String tail(Path file, int lines) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, log.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
            List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
