package io.ledgerline.prove.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.Outcome;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Operation DEPOSIT = Operation.money(Operation.Kind.DEPOSIT, Operation.Channel.HTTP, "a",
            "tx-1", 10, "EUR");

    @Test
    void aWindowCountsWhatEndedInsideItAndTheVisibilityOfWhatWasAcknowledgedInsideIt() {
        Timeline timeline = new Timeline();
        long before = System.nanoTime();
        Timeline.Window first = timeline.startMeasuring("first");
        long inside = System.nanoTime();
        timeline.attempted(DEPOSIT, new Attempt(before, before, Outcome.OK, 200, null, 2)); // ended before it
        timeline.attempted(DEPOSIT, new Attempt(before, inside, Outcome.OK, 200, null, 2));
        timeline.attempted(DEPOSIT, new Attempt(inside, inside, Outcome.REJECTED, 422, "insufficient-funds", 0));
        timeline.stopMeasuring();
        Timeline.Window second = timeline.startMeasuring("second");
        // the probe of the command acknowledged inside the first window comes back during the second
        timeline.visible(inside, System.nanoTime(), -1);
        timeline.settled(inside, 40, "COMPLETED");
        timeline.attempted(DEPOSIT, new Attempt(inside, System.nanoTime(), Outcome.UNKNOWN, 0, "timeout", 0));
        timeline.stopMeasuring();

        assertThat(first.ok()).isEqualTo(1);
        assertThat(first.rejected()).isEqualTo(1);
        assertThat(first.refusals()).containsEntry("422 insufficient-funds", 1L);
        assertThat(first.latency().getTotalCount()).isEqualTo(2);
        assertThat(first.ackToVisible().getTotalCount()).isEqualTo(1);
        assertThat(first.settled()).containsEntry("COMPLETED", 1L);
        assertThat(first.settlement().getMaxValue()).isBetween(39_000L, 41_000L);
        assertThat(second.ok()).isZero();
        assertThat(second.unknown()).isEqualTo(1);
        assertThat(second.ackToVisible().getTotalCount()).isZero();
        assertThat(timeline.windowMarks()).extracting(Timeline.Mark::label).containsExactly("first", "second");
        assertThat(timeline.measured()).isSameAs(second);
    }
}
