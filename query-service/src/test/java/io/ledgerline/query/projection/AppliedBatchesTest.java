package io.ledgerline.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AppliedBatchesTest {

    private final AppliedBatches batches = new AppliedBatches();

    @Test
    void aBatchAppliedBetweenTheReadAndTheWaitIsNotMissed() throws InterruptedException {
        long ticket = batches.ticket();
        batches.signal();
        long start = System.nanoTime();
        batches.awaitAfter(ticket, 60_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aWaitingReadIsWokenByTheNextBatch() {
        long ticket = batches.ticket();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                batches.awaitAfter(ticket, 60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(waiting).isNotDone();
        batches.signal();
        await().atMost(Duration.ofSeconds(30)).until(waiting::isDone);
    }

    @Test
    void withoutABatchTheWaitEndsAtItsTimeout() throws InterruptedException {
        long start = System.nanoTime();
        batches.awaitAfter(batches.ticket(), 20);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }
}
