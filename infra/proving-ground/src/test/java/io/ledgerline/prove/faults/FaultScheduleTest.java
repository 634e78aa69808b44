package io.ledgerline.prove.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static FaultSettings settings(FaultSettings.Mode mode) {
        return new FaultSettings(mode, Duration.ofSeconds(10), FaultSettings.PROCESSES, EnumSet.allOf(Fault.Kind.class),
                Duration.ofSeconds(50), Duration.ofMillis(300), Duration.ofSeconds(15));
    }

    @Test
    void eachOnceKillsEveryProcessFirstThenPausesEveryProcessThenDisturbsBothProxies() {
        List<Fault> faults = drain(new FaultSchedule(settings(FaultSettings.Mode.EACH_ONCE), 1));
        assertThat(faults).hasSize(5 + 5 + 2 + 2);
        assertThat(faults.subList(0, 5)).allMatch(f -> f.kind() == Fault.Kind.KILL)
                .extracting(Fault::target).containsExactlyInAnyOrderElementsOf(FaultSettings.PROCESSES);
        assertThat(faults).filteredOn(f -> f.kind() == Fault.Kind.CUT).extracting(Fault::target)
                .containsExactlyInAnyOrder("kafka-proxy", "postgres-proxy");
    }

    @Test
    void theSeedFixesTheOrder() {
        assertThat(drain(new FaultSchedule(settings(FaultSettings.Mode.EACH_ONCE), 3)))
                .isEqualTo(drain(new FaultSchedule(settings(FaultSettings.Mode.EACH_ONCE), 3)));
        FaultSchedule a = new FaultSchedule(settings(FaultSettings.Mode.RANDOM), 9);
        FaultSchedule b = new FaultSchedule(settings(FaultSettings.Mode.RANDOM), 9);
        for (int i = 0; i < 20; i++) {
            assertThat(a.next()).isEqualTo(b.next());
            assertThat(a.nextGapMillis()).isEqualTo(b.nextGapMillis()).isBetween(5_000L, 15_000L);
        }
    }

    @Test
    void noneInjectsNothing() {
        assertThat(new FaultSchedule(settings(FaultSettings.Mode.NONE), 1).next()).isNull();
    }

    private static List<Fault> drain(FaultSchedule schedule) {
        List<Fault> faults = new ArrayList<>();
        for (Fault f = schedule.next(); f != null; f = schedule.next()) {
            faults.add(f);
        }
        return faults;
    }
}
