package io.ledgerline.prove.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** Prints one line every few seconds while a phase runs: the phase, how far, the current rate and lags. */
public final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final Timeline timeline;
    private final Thread thread;
    private volatile String phase = "starting";
    private volatile Supplier<String> detail = () -> "";
    private volatile boolean stopping;

    public Progress(PrintStream out, Timeline timeline, Duration every) {
        this.out = out;
        this.timeline = timeline;
        this.thread = new Thread(() -> {
            while (!stopping) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                String line = stopping ? "" : detail.get();
                if (!line.isEmpty()) {
                    say(line);
                }
            }
        }, "prove-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Enters a phase; {@code detail} is asked for the rest of the line every few seconds. */
    public void phase(String name, Supplier<String> detail) {
        this.phase = name;
        this.detail = detail;
        say("begins");
    }

    /** Stays in the phase, with another detail line. */
    public void detail(Supplier<String> detail) {
        this.detail = detail;
    }

    public void say(String message) {
        out.printf(Locale.ROOT, "[prove %6.1fs %-9s] %s%n", timeline.elapsedMillis() / 1000.0, phase, message);
        out.flush();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
