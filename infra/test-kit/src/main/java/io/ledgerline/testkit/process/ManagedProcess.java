package io.ledgerline.testkit.process;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One component of the local stack running as its own OS process, with the controls a fault drill needs:
 * crash it ({@code kill(Signal.KILL)}), freeze it ({@code STOP}/{@code CONT}), bring it back ({@link #restart()}).
 */
public interface ManagedProcess {

    String name();

    /** The OS process id of the running process, or of the last one started. */
    long pid();

    boolean isAlive();

    /** Sends a signal to the process, as {@code kill -s <signal> <pid>} would; nothing if it is not running. */
    void kill(Signal signal);

    /**
     * Launches the process unless it is running. Returns without waiting for health, so that several components
     * can start at once (PostgreSQL is the exception: it returns when the server accepts connections).
     */
    void start();

    /** Stops it politely, then with SIGKILL after its grace period. Nothing happens if it is not running. */
    void stop();

    /** Stops the process if it still runs, starts it again and waits until it is healthy. */
    void restart();

    /** One health probe. */
    boolean isHealthy();

    /** Waits until healthy; fails early, with the end of its log, if the process exits meanwhile. */
    void waitHealthy(Duration timeout);

    /** Waits until healthy, as long as the component's start-up timeout. */
    void waitHealthy();

    /** Its stdout and stderr, appended across restarts. */
    Path logFile();
}
