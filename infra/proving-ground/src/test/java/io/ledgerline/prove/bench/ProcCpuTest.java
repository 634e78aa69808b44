package io.ledgerline.prove.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgerline.prove.suite.CpuWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void readsTheTimesAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        ProcCpu.ProcessTicks p = ProcCpu.parseProcessStat(
                "4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 900 30 1 0 1234 567 89 10 20 0 1 0 9");
        assertThat(p.pid()).isEqualTo(4242);
        assertThat(p.parent()).isEqualTo(17);
        assertThat(p.user()).isEqualTo(1234);
        assertThat(p.system()).isEqualTo(567);
        assertThat(p.own()).isEqualTo(1801);
        assertThat(p.withReapedChildren()).isEqualTo(1900);
    }

    @Test
    void theMachineIsBusyUnlessIdleOrWaitingForIo() {
        ProcCpu.MachineTicks m = ProcCpu.parseMachineStat(
                "cpu  45682 10 12155 1160270 358 5 1178 7 100 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2\n");
        // guest (100) is already inside user, so it is not added again
        assertThat(m.total()).isEqualTo(45682 + 10 + 12155 + 1160270 + 358 + 5 + 1178 + 7);
        assertThat(m.busy()).isEqualTo(45682 + 10 + 12155 + 5 + 1178 + 7);
    }

    @Test
    void aTreeCountsBackendsThatExitedBetweenTwoSnapshotsThroughTheirParent() {
        // postmaster 10 with backends 11 (lives on) and 12 (exits); 13 starts and exits in between
        ProcCpu.Snapshot before = snapshot(0, Map.of(
                10L, ticks(10, 1, 100, 50, 1000, 0),
                11L, ticks(11, 10, 30, 10, 0, 0),
                12L, ticks(12, 10, 40, 20, 0, 0),
                99L, ticks(99, 1, 5000, 0, 0, 0)), 10_000, 40_000);
        // 12 exited at 70 user + 25 system, 13 used 20 + 5: both are now in the postmaster's children times
        ProcCpu.Snapshot after = snapshot(2_000_000_000L, Map.of(
                10L, ticks(10, 1, 110, 55, 1000 + 70 + 20, 0 + 25 + 5),
                11L, ticks(11, 10, 80, 30, 0, 0),
                99L, ticks(99, 1, 5300, 0, 0, 0)), 10_400, 40_400);
        ProcCpu.Target postgres = new ProcCpu.Target("postgres", 10, true);
        // postmaster +15, backend 11 +70, backend 12 +35 (60 -> 95), backend 13 +25
        assertThat(postgres.seconds(before, after, 100).getAsDouble()).isCloseTo(1.45, within(1e-9));
        assertThat(new ProcCpu.Target("other", 99, false).seconds(before, after, 100).getAsDouble())
                .isCloseTo(3.0, within(1e-9));
        assertThat(new ProcCpu.Target("gone", 12, false).seconds(before, after, 100)).isEmpty();
    }

    @Test
    void aWindowGivesMillisPerCommandAndWhatTheRestOfTheMachineUsed() {
        ProcCpu.Snapshot before = snapshot(0, Map.of(1L, ticks(1, 0, 100, 0, 0, 0), 2L, ticks(2, 0, 0, 0, 0, 0)),
                1_000, 4_000);
        ProcCpu.Snapshot after = snapshot(10_000_000_000L, Map.of(1L, ticks(1, 0, 600, 100, 0, 0),
                2L, ticks(2, 0, 200, 100, 0, 0)), 2_500, 6_000);
        CpuWindow w = CpuWindow.between(before, after, List.of(new ProcCpu.Target("service", 1, false),
                new ProcCpu.Target("load", 2, false), new ProcCpu.Target("absent", 3, false)));
        assertThat(w.seconds()).isEqualTo(10.0);
        assertThat(w.cpuSeconds()).containsEntry("service", 6.0).containsEntry("load", 3.0);
        assertThat(w.cpuSeconds().get("absent")).isNaN();
        assertThat(w.machineBusySeconds()).isEqualTo(15.0);
        assertThat(w.machineBusyShare()).isEqualTo(0.75);
        assertThat(w.otherSeconds()).isEqualTo(6.0);
        assertThat(w.millisPer(600)).containsEntry("service", 10.0).containsEntry("load", 5.0);
        assertThat(w.millisPer(0).get("service")).isNaN();
    }

    @Test
    void thisMachineCanBeRead() throws Exception {
        if (!ProcCpu.available()) {
            return; // not Linux: nothing to read (the suite then reports no CPU figures)
        }
        ProcCpu.Snapshot s = ProcCpu.system().snapshot();
        long self = ProcessHandle.current().pid();
        assertThat(s.self(self)).isNotNull();
        assertThat(s.tree(self)).isGreaterThanOrEqualTo(s.self(self));
        assertThat(s.machine().total()).isPositive();
    }

    private static ProcCpu.ProcessTicks ticks(long pid, long parent, long user, long system, long cUser,
                                              long cSystem) {
        return new ProcCpu.ProcessTicks(pid, parent, user, system, cUser, cSystem);
    }

    private static ProcCpu.Snapshot snapshot(long nanos, Map<Long, ProcCpu.ProcessTicks> processes, long busy,
                                             long total) {
        return new ProcCpu.Snapshot(nanos, new HashMap<>(processes), new ProcCpu.MachineTicks(busy, total));
    }

    @Test
    void compilerThreadsAreKnownByTheNamesHotSpotGivesThem() {
        assertThat(ProcCpu.isCompilerThread("C2 CompilerThre\n")).isTrue();
        assertThat(ProcCpu.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(ProcCpu.isCompilerThread("GC Thread#0")).isFalse();
        assertThat(ProcCpu.isCompilerThread("http-nio-8081-e")).isFalse();
    }

    @Test
    void theJitTicksOfAJvmAreItsCompilerThreadsOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path proc)
            throws Exception {
        thread(proc, 42, 1, "main", 500);
        thread(proc, 42, 2, "C2 CompilerThre", 70);
        thread(proc, 42, 3, "C1 CompilerThre", 30);
        assertThat(new ProcCpu(proc).jitTicks(42)).isEqualTo(100);
        assertThat(new ProcCpu(proc).jitTicks(43)).as("gone").isZero();
    }

    private static void thread(java.nio.file.Path proc, int pid, int tid, String name, long ticks) throws Exception {
        java.nio.file.Path task = java.nio.file.Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        java.nio.file.Files.writeString(task.resolve("comm"), name + "\n");
        java.nio.file.Files.writeString(task.resolve("stat"), tid + " (" + name + ") S 1 1 1 0 -1 0 0 0 0 0 "
                + ticks + " 0 0 0 20 0 1 0 0 0 0");
    }
}
