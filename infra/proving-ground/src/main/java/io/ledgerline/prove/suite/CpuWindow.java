package io.ledgerline.prove.suite;

import io.ledgerline.prove.bench.ProcCpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * CPU used in a window, per process and for the machine, from two {@link ProcCpu} snapshots: CPU seconds per
 * target, machine busy seconds and share of all cores, and what the rest of the machine (other engineers' work,
 * the kernel's own threads) used meanwhile.
 */
public record CpuWindow(double seconds, Map<String, Double> cpuSeconds, double machineBusySeconds,
                        double machineBusyShare, double otherSeconds, double jitSeconds) {

    public static CpuWindow between(ProcCpu.Snapshot from, ProcCpu.Snapshot to, List<ProcCpu.Target> targets) {
        Map<String, Double> used = new LinkedHashMap<>();
        double ours = 0;
        for (ProcCpu.Target target : targets) {
            OptionalDouble s = target.seconds(from, to, ProcCpu.TICKS_PER_SECOND);
            used.put(target.name(), s.isPresent() ? s.getAsDouble() : Double.NaN);
            ours += s.orElse(0);
        }
        long busy = to.machine().busy() - from.machine().busy();
        long total = to.machine().total() - from.machine().total();
        double busySeconds = busy / (double) ProcCpu.TICKS_PER_SECOND;
        return new CpuWindow((to.nanos() - from.nanos()) / 1e9, used, busySeconds,
                total <= 0 ? Double.NaN : busy / (double) total, Math.max(0, busySeconds - ours), Double.NaN);
    }

    /** The same window with what the JVMs' JIT compiler threads used in it (part of their CPU above). */
    public CpuWindow withJit(double seconds) {
        return new CpuWindow(this.seconds, cpuSeconds, machineBusySeconds, machineBusyShare, otherSeconds, seconds);
    }

    /** CPU milliseconds per command for each target (NaN where unknown or nothing was acknowledged). */
    public Map<String, Double> millisPer(long commands) {
        Map<String, Double> per = new LinkedHashMap<>();
        cpuSeconds.forEach((name, s) -> per.put(name, commands <= 0 ? Double.NaN : 1000 * s / commands));
        return per;
    }
}
