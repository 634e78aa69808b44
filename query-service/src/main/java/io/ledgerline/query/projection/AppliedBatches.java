package io.ledgerline.query.projection;

import org.springframework.stereotype.Component;

/**
 * Tells reads that wait for a version ({@code ?minVersion}) that this instance has just written a batch of live
 * events, so they look again at once instead of at their next poll. A waiter takes a {@link #ticket()} before it
 * reads, and {@link #awaitAfter} returns as soon as any batch was applied after that ticket: a batch written
 * between the read and the wait is never missed.
 */
@Component
public class AppliedBatches {

    private long applied;

    /** Called by the live consumer once MongoDB acknowledged a batch. */
    public synchronized void signal() {
        applied++;
        notifyAll();
    }

    public synchronized long ticket() {
        return applied;
    }

    /** Waits until a batch was applied after {@code ticket}, or {@code millis} passed. */
    public synchronized void awaitAfter(long ticket, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (applied == ticket && left > 0) {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000;
        }
    }
}
