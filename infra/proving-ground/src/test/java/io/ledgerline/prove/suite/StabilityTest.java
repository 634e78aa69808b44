package io.ledgerline.prove.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StabilityTest {

    private static Stability detector() {
        return new Stability(3, 0.05, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120));
    }

    @Test
    void flatThroughputIsStableOnlyOnceTheMinimumHasPassed() {
        Stability s = detector();
        for (int i = 0; i < 5; i++) {
            assertThat(s.add(100)).as("window %d", i + 1).isEqualTo(Stability.State.WARMING);
        }
        assertThat(s.add(100)).isEqualTo(Stability.State.STABLE);
        assertThat(s.elapsed()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void risingThroughputIsNotStableUntilTheLastWindowsAgree() {
        Stability s = detector();
        double[] rates = {20, 40, 60, 80, 90, 95, 97, 98};
        Stability.State last = null;
        for (double r : rates) {
            last = s.add(r);
            if (last == Stability.State.STABLE) {
                break;
            }
        }
        // at 60 s: 80, 90, 95 (mean 88.3, 80 is 9.4 % off); at 70 s: 90, 95, 97 (mean 94, 90 is 4.3 % off)
        assertThat(last).isEqualTo(Stability.State.STABLE);
        assertThat(s.elapsed()).isEqualTo(Duration.ofSeconds(70));
        assertThat(s.spread()).isCloseTo(4.0 / 94, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aSpreadJustOverTheToleranceKeepsWarmingAndTheCapEndsIt() {
        Stability s = detector();
        // mean 100: 94 is 6 % below
        double[] rates = {94, 106, 100, 94, 106, 100, 94, 106, 100, 94, 106};
        for (int i = 0; i < rates.length; i++) {
            assertThat(s.add(rates[i])).as("window %d", i + 1).isEqualTo(Stability.State.WARMING);
        }
        assertThat(s.add(100)).isEqualTo(Stability.State.CAPPED);
        assertThat(s.elapsed()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void nothingFlowingIsNeverStable() {
        Stability s = detector();
        for (int i = 0; i < 11; i++) {
            assertThat(s.add(0)).isEqualTo(Stability.State.WARMING);
        }
        assertThat(s.add(0)).isEqualTo(Stability.State.CAPPED);
    }

    @Test
    void flatThroughputWhileTheCompilersAreStillBusyIsNotStableYet() {
        Stability s = new Stability(3, 0.05, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120),
                0.05);
        double[] jit = {0.40, 0.35, 0.30, 0.20, 0.12, 0.08, 0.06, 0.04};
        Stability.State last = null;
        int windows = 0;
        for (double share : jit) {
            windows++;
            last = s.add(100, share);
            if (last != Stability.State.WARMING) {
                break;
            }
        }
        assertThat(last).isEqualTo(Stability.State.STABLE);
        assertThat(windows).as("stable in the first window with the compilers at or below 5 %").isEqualTo(8);
        assertThat(s.jitShare()).isEqualTo(0.04);
    }
}
