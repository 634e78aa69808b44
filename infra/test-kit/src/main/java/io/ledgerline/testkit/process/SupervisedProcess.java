package io.ledgerline.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every managed process does the same way: pid file, log separator, graceful stop with a SIGKILL fallback,
 * waiting for health. Subclasses only say how to launch the process and what to release after it stopped.
 */
public abstract class SupervisedProcess implements ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(SupervisedProcess.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS = Duration.ofSeconds(10);

    private final String name;
    private final ProcessContext context;
    private final HealthCheck health;
    private final Signal stopSignal;
    private final Duration stopGrace;

    private volatile ProcessHandle current;
    private volatile long launchedAt;
    private volatile Duration lastStartupTime;
    private volatile boolean expectedRunning;

    protected SupervisedProcess(String name, ProcessContext context, HealthCheck health, Signal stopSignal,
                                Duration stopGrace) {
        this.name = name;
        this.context = context;
        this.health = health;
        this.stopSignal = stopSignal;
        this.stopGrace = stopGrace;
    }

    /** Starts the OS process and returns it. */
    protected abstract ProcessHandle launch() throws Exception;

    /** Releases what the launch held, once the process is gone (also after it crashed). */
    protected void afterStop() {
    }

    /** How the process ended, for the warning about an unexpected exit. */
    protected String exitDescription() {
        return "exited";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        ProcessHandle process = current;
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        ProcessHandle process = current;
        return process != null && Processes.isRunning(process);
    }

    @Override
    public Path logFile() {
        return context.logFile(name);
    }

    protected ProcessContext context() {
        return context;
    }

    @Override
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        appendToLog("---- " + Instant.now() + " starting " + name + " ----");
        launchedAt = System.nanoTime();
        try {
            current = launch();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + name + " (" + e.getMessage() + "). End of " + logFile()
                    + ":\n" + Processes.tail(logFile(), 20), e);
        }
        context.pidFile(name).write(current, stopSignal, stopGrace);
        expectedRunning = true;
        log.info("{} started (pid {}), log {}", name, current.pid(), logFile());
    }

    @Override
    public synchronized void stop() {
        expectedRunning = false;
        ProcessHandle process = current;
        if (process != null && Processes.isRunning(process)) {
            long begin = System.nanoTime();
            boolean killed = Processes.stop(process, stopSignal, stopGrace);
            log.info("{} stopped in {}{}", name, seconds(System.nanoTime() - begin),
                    killed ? " (SIGKILL after a " + stopGrace.toSeconds() + " s grace period)" : "");
        }
        afterStop();
        context.pidFile(name).delete();
    }

    @Override
    public void restart() {
        stop();
        start();
        waitHealthy();
    }

    @Override
    public void kill(Signal signal) {
        long pid = pid();
        if (!isAlive()) {
            return; // already gone: its pid may belong to another program by now
        }
        if (signal != Signal.STOP && signal != Signal.CONT) {
            expectedRunning = false; // the caller meant it to go away; not a crash to warn about
        }
        signal.sendTo(pid);
    }

    @Override
    public boolean isHealthy() {
        try {
            return isAlive() && health.isHealthy();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void waitHealthy() {
        waitHealthy(context.startTimeout());
    }

    @Override
    public void waitHealthy(Duration timeout) {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        long nextProgress = begin + PROGRESS.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited while starting. End of " + logFile() + ":\n"
                        + Processes.tail(logFile(), 40));
            }
            try {
                if (health.isHealthy()) {
                    lastStartupTime = Duration.ofNanos(System.nanoTime() - launchedAt);
                    log.info("{} is healthy, {} after launch", name, seconds(lastStartupTime.toNanos()));
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException(name + " is not healthy after " + timeout.toSeconds() + " s"
                        + (lastFailure == null ? "" : " (" + lastFailure + ")") + ". End of " + logFile() + ":\n"
                        + Processes.tail(logFile(), 40), lastFailure);
            }
            if (now > nextProgress) {
                log.info("waiting for {} to become healthy ({} so far)", name, seconds(now - launchedAt));
                nextProgress += PROGRESS.toNanos();
            }
            Processes.pause(POLL);
        }
    }

    /** From launch to the first healthy probe, the last time {@link #waitHealthy} succeeded; null before that. */
    public Duration lastStartupTime() {
        return lastStartupTime;
    }

    /** True once, when the process died without being stopped or killed through this handle. */
    boolean exitedUnexpectedly() {
        if (expectedRunning && current != null && !Processes.isRunning(current)) {
            expectedRunning = false;
            return true;
        }
        return false;
    }

    String describeExit() {
        return name + " (pid " + current.pid() + ") " + exitDescription() + " unexpectedly; see " + logFile();
    }

    private void appendToLog(String line) {
        try {
            Files.createDirectories(logFile().getParent());
            Files.writeString(logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile(), e);
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
