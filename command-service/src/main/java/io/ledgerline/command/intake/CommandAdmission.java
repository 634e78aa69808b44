package io.ledgerline.command.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The bound on commands from outside (HTTP, synchronous or asynchronous, and the command topic) that one
 * instance holds at once, queued or committing: {@code ledgerline.intake.queue-capacity}. HTTP asks once and is
 * answered 503 {@code overloaded} with {@code Retry-After} when there is no room; the topic listener waits for
 * room, so its partitions are not fetched further until the instance catches up. Transfer steps are not counted:
 * the transfer process bounds them itself (one batch per segment in flight).
 */
@Component
public class CommandAdmission {

    private final Semaphore room;
    private final Counter refused;

    CommandAdmission(IntakeProperties properties, MeterRegistry meters) {
        this.room = new Semaphore(properties.queueCapacity());
        this.refused = Counter.builder("ledger.commands.overloaded")
                .description("HTTP commands answered 503 overloaded because the instance held its bound")
                .register(meters);
        Gauge.builder("ledger.commands.admitted", room, r -> properties.queueCapacity() - r.availablePermits())
                .description("commands from outside queued or committing on this instance").register(meters);
    }

    /** Takes room for one command now, or says there is none. */
    boolean tryAdmit() {
        if (room.tryAcquire()) {
            return true;
        }
        refused.increment();
        return false;
    }

    /** Takes room for one command, waiting up to {@code wait} for it. */
    public boolean admitWithin(Duration wait) throws InterruptedException {
        return room.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Gives the room back when {@code sent} completes, however it completes. */
    public <T> CompletableFuture<T> releasedWhenDone(CompletableFuture<T> sent) {
        return sent.whenComplete((result, failure) -> room.release());
    }

    /** Gives the room back for a command that was admitted but never sent. */
    public void release() {
        room.release();
    }
}
