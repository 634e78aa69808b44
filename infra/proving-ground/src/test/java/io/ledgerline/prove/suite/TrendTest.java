package io.ledgerline.prove.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static NavigableMap<Integer, Double> series(int from, int to, IntToDoubleFunction value) {
        NavigableMap<Integer, Double> s = new TreeMap<>();
        for (int t = from; t < to; t++) {
            s.put(t, value.applyAsDouble(t));
        }
        return s;
    }

    @Test
    void aSteadilyRisingLagGrows() {
        Trend t = Trend.of(series(0, 100, x -> 3.0 * x), 40, 100, 5);
        assertThat(t.grows()).isTrue();
        assertThat(t.slopePerSecond()).isCloseTo(3.0, within(1e-9));
        assertThat(t.firstHalfMax()).isEqualTo(3.0 * 69);
        assertThat(t.secondHalfMax()).isEqualTo(3.0 * 99);
        assertThat(t.samples()).isEqualTo(60);
    }

    @Test
    void aJitteringLagIsBounded() {
        Trend t = Trend.of(series(0, 60, x -> x % 2 == 0 ? 10 : 30), 0, 60, 5);
        assertThat(t.grows()).isFalse();
        assertThat(t.firstHalfMax()).isEqualTo(30);
        assertThat(t.secondHalfMax()).isEqualTo(30);
    }

    @Test
    void anEarlySpikeThatComesBackIsBounded() {
        Trend t = Trend.of(series(0, 60, x -> x < 10 ? 500 - 40 * x : 20), 0, 60, 5);
        assertThat(t.grows()).isFalse();
        assertThat(t.slopePerSecond()).isNegative();
    }

    @Test
    void aRiseWithinTheNoiseIsNoGrowth() {
        // 0 then 2 events: the fitted rise over the window (3 events) is below the noise of 5
        Trend t = Trend.of(series(0, 60, x -> x < 30 ? 0 : 2), 0, 60, 5);
        assertThat(t.grows()).isFalse();
    }

    @Test
    void aLagThatGrowsSlowlyFromAHighLevelGrows() {
        // 1000 -> 1300 over the window: +30 %, though the second half never doubles the first
        Trend t = Trend.of(series(0, 60, x -> 1000 + 5.0 * x), 0, 60, 5);
        assertThat(t.grows()).isTrue();
        Trend flat = Trend.of(series(0, 60, x -> 1000 + (x % 3)), 0, 60, 5);
        assertThat(flat.grows()).isFalse();
    }

    @Test
    void tooFewSamplesSayNotSampled() {
        assertThat(Trend.of(series(0, 1, x -> 1), 0, 60, 1).samples()).isZero();
        assertThat(Trend.of(null, 0, 60, 1).toString()).isEqualTo("not sampled");
    }
}
