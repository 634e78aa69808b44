package io.ledgerline.testkit.process;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches running components and warns once when one dies on its own. It does not restart anything: a fault
 * drill decides when a crashed component comes back, and a developer should see the crash, not have it hidden.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Thread thread;

    public Supervisor(List<? extends SupervisedProcess> processes) {
        this.thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                processes.stream().filter(SupervisedProcess::exitedUnexpectedly)
                        .forEach(p -> log.warn(p.describeExit()));
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ledgerline-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
