package io.ledgerline.testkit.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a supervisor records a process it started, so that a later run (after the launcher itself crashed) or
 * the {@link Reaper} can stop it. The start time guards against a recycled pid: a pid file never makes us
 * signal a process we did not start.
 */
public record PidFile(Path file) {

    /** A recorded process that is still running, with how to stop it. */
    public record Entry(ProcessHandle process, Signal stopSignal, Duration stopGrace) {

        public void stop() {
            Processes.stop(process, stopSignal, stopGrace);
        }
    }

    public void write(ProcessHandle process, Signal stopSignal, Duration stopGrace) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(process.pid()));
        p.setProperty("started", process.info().startInstant().map(Instant::toString).orElse(""));
        p.setProperty("stop-signal", stopSignal.name());
        p.setProperty("stop-grace", stopGrace.toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, null);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded process, if it is still the same running process. */
    public Optional<Entry> running() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            String started = p.getProperty("started", "");
            Signal signal = Signal.valueOf(p.getProperty("stop-signal", "TERM"));
            Duration grace = Duration.parse(p.getProperty("stop-grace", "PT20S"));
            return ProcessHandle.of(Long.parseLong(p.getProperty("pid")))
                    .filter(Processes::isRunning)
                    .filter(h -> !started.isEmpty()
                            && h.info().startInstant().map(Instant::toString).orElse("").equals(started))
                    .map(h -> new Entry(h, signal, grace));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written: nothing we can safely signal
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
