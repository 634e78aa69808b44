package io.ledgerline.prove.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * CPU time from Linux's /proc, in clock ticks: each process's {@code utime + stime} (all its threads) from
 * {@code /proc/<pid>/stat}, and the machine's busy and total time from the first line of {@code /proc/stat}.
 *
 * <p>A process tree (PostgreSQL: the postmaster and its backends, which come and go) is counted as the sum over
 * its living members of {@code utime + stime + cutime + cstime}: a member that exits is reaped by its parent, whose
 * {@code cutime/cstime} then hold all it ever used, so the difference of two snapshots counts every backend that
 * ran in between, including those born and gone between the two.
 */
public final class ProcCpu {

    /** What one {@code /proc/<pid>/stat} line says about CPU, in clock ticks. */
    public record ProcessTicks(long pid, long parent, long user, long system, long childrenUser,
                               long childrenSystem) {

        public long own() {
            return user + system;
        }

        public long withReapedChildren() {
            return user + system + childrenUser + childrenSystem;
        }
    }

    /** The machine's time since boot over all cores: busy (not idle, not waiting for I/O) and total. */
    public record MachineTicks(long busy, long total) {
    }

    /** Every process at one moment, plus the machine. */
    public record Snapshot(long nanos, Map<Long, ProcessTicks> processes, MachineTicks machine) {

        /** The process alone; null if it is not running. */
        public Long self(long pid) {
            ProcessTicks p = processes.get(pid);
            return p == null ? null : p.own();
        }

        /** The process and every descendant, living or reaped; null if the root is not running. */
        public Long tree(long root) {
            if (!processes.containsKey(root)) {
                return null;
            }
            Map<Long, List<ProcessTicks>> children = new HashMap<>();
            processes.values().forEach(p -> children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p));
            long sum = 0;
            List<ProcessTicks> todo = new ArrayList<>(List.of(processes.get(root)));
            while (!todo.isEmpty()) {
                ProcessTicks p = todo.remove(todo.size() - 1);
                sum += p.withReapedChildren();
                todo.addAll(children.getOrDefault(p.pid(), List.of()));
            }
            return sum;
        }
    }

    /** What a measured process is: one process, or a tree of them. */
    public record Target(String name, long pid, boolean tree) {

        Long ticks(Snapshot snapshot) {
            return tree ? snapshot.tree(pid) : snapshot.self(pid);
        }

        /** CPU seconds between two snapshots; empty if the process was not running at either. */
        public OptionalDouble seconds(Snapshot from, Snapshot to, long ticksPerSecond) {
            Long a = ticks(from);
            Long b = ticks(to);
            return a == null || b == null || b < a ? OptionalDouble.empty()
                    : OptionalDouble.of((b - a) / (double) ticksPerSecond);
        }
    }

    /** Linux's USER_HZ: 100 on every mainstream kernel configuration (it is fixed by the ABI, not by HZ). */
    public static final long TICKS_PER_SECOND = 100;

    private final Path proc;

    public ProcCpu(Path proc) {
        this.proc = proc;
    }

    public static ProcCpu system() {
        return new ProcCpu(Path.of("/proc"));
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** Reads every process and the machine. Processes that exit while being read are skipped. */
    public Snapshot snapshot() throws IOException {
        long nanos = System.nanoTime();
        Map<Long, ProcessTicks> processes = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    ProcessTicks p = parseProcessStat(Files.readString(dir.resolve("stat")));
                    processes.put(p.pid(), p);
                } catch (IOException | RuntimeException gone) {
                    // exited between listing and reading
                }
            }
        }
        return new Snapshot(nanos, processes, parseMachineStat(Files.readString(proc.resolve("stat"))));
    }

    /**
     * CPU ticks of a JVM's JIT compiler threads (named "C1 CompilerThre..." and "C2 CompilerThre..." by HotSpot),
     * from {@code /proc/<pid>/task/*}; 0 when the process is gone.
     */
    public long jitTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    if (isCompilerThread(Files.readString(task.resolve("comm")))) {
                        ticks += parseProcessStat(Files.readString(task.resolve("stat"))).own();
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return ticks;
    }

    static boolean isCompilerThread(String comm) {
        String name = comm.trim();
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /**
     * One {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may hold spaces and
     * parentheses itself, so the fields are counted from the last ')'.
     */
    static ProcessTicks parseProcessStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // after ')': state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11)
        // majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17)
        String[] f = line.substring(close + 1).trim().split("\\s+");
        return new ProcessTicks(pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** The aggregate {@code cpu} line: user nice system idle iowait irq softirq steal (guest is inside user). */
    static MachineTicks parseMachineStat(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new MachineTicks(total - idle, total);
            }
        }
        throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
    }
}
