package io.ledgerline.testkit.process;

import java.io.IOException;

/**
 * The POSIX signals a supervisor or a fault drill sends. {@link ProcessHandle} only knows TERM and KILL, so
 * signals go through {@code kill(1)}, which every Linux and macOS machine has.
 */
public enum Signal {
    /** Polite stop: JVMs run their shutdown hooks, PostgreSQL does a smart shutdown. */
    TERM,
    /** Crash: the process gets no chance to clean up. */
    KILL,
    /** Freeze, as a long GC pause or a hung host would. */
    STOP,
    /** Thaw a frozen process. */
    CONT,
    /** PostgreSQL's fast shutdown: roll back open transactions, checkpoint, exit. */
    INT;

    /** Sends this signal to {@code pid}; a process that is already gone is not an error. */
    public void sendTo(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name(), Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int exit = kill.waitFor();
            if (exit != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("kill -s " + name() + " " + pid + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill(1) to send " + name() + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + name() + " to " + pid, e);
        }
    }
}
