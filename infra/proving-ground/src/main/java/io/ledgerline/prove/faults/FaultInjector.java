package io.ledgerline.prove.faults;

import io.ledgerline.prove.report.Timeline;
import io.ledgerline.testkit.process.ManagedProcess;
import io.ledgerline.testkit.process.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the fault schedule on its own thread while the workload runs: waits the gap, injects the next fault, waits
 * until the component is back (healthy again, proxy clean), repeats. Stopping lets a fault in progress finish, so
 * the checker never starts on a half-restarted system.
 */
public final class FaultInjector implements AutoCloseable {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
    private static final Duration HEALTHY_AFTER_PAUSE = Duration.ofSeconds(180);

    private final FaultSchedule schedule;
    private final Map<String, ManagedProcess> processes;
    private final Map<String, TcpProxy> proxies;
    private final Duration proxyDelay;
    private final Timeline timeline;
    private final Consumer<String> say;
    private final List<String> errors = new ArrayList<>();
    private final List<Injected> injected = new ArrayList<>();
    private final Object sleeping = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean done;
    private volatile String current;

    public FaultInjector(FaultSchedule schedule, Map<String, ManagedProcess> processes, Map<String, TcpProxy> proxies,
                         Duration proxyDelay, Timeline timeline, Consumer<String> say) {
        this.schedule = schedule;
        this.processes = processes;
        this.proxies = proxies;
        this.proxyDelay = proxyDelay;
        this.timeline = timeline;
        this.say = say;
        this.thread = new Thread(this::run, "prove-faults");
        thread.setDaemon(true);
    }

    public FaultInjector start() {
        thread.start();
        return this;
    }

    /** True once an each-once schedule has injected everything (never for random). */
    public boolean isDone() {
        return done;
    }

    /** The fault in progress, for the progress line; null between faults. */
    public String current() {
        return current;
    }

    /** A fault as it happened, in the timeline's milliseconds: from injection until its target was back. */
    public record Injected(Fault fault, long startMillis, long endMillis) {
    }

    /** Every fault injected so far. */
    public synchronized List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** Faults whose recovery failed: the run cannot vouch for anything after them. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private void run() {
        while (!stopping) {
            if (!sleep(schedule.nextGapMillis())) {
                break;
            }
            Fault fault = schedule.next();
            if (fault == null) {
                break;
            }
            current = fault.describe();
            long start = System.nanoTime();
            long startMillis = timeline.elapsedMillis();
            String detail;
            try {
                detail = inject(fault);
            } catch (RuntimeException e) {
                detail = "recovery failed: " + e.getMessage();
                synchronized (this) {
                    errors.add(fault.describe() + ": " + e.getMessage());
                }
            }
            long end = System.nanoTime();
            timeline.fault(fault.describe(), start, end, detail);
            synchronized (this) {
                injected.add(new Injected(fault, startMillis, timeline.elapsedMillis()));
            }
            say.accept("fault " + fault.describe() + ": " + detail + String.format(" (%.1f s)", (end - start) / 1e9));
            current = null;
        }
        done = true;
    }

    private String inject(Fault fault) {
        return switch (fault.kind()) {
            case KILL -> kill(process(fault.target()));
            case PAUSE -> pause(process(fault.target()), fault.length());
            case DELAY -> delay(proxy(fault.target()), fault.length());
            case CUT -> cut(proxy(fault.target()), fault.length());
        };
    }

    private String kill(ManagedProcess process) {
        long pid = process.pid();
        process.kill(Signal.KILL);
        awaitExit(pid);
        long begin = System.nanoTime();
        process.restart();
        return String.format("SIGKILL pid %d, restarted as pid %d, healthy after %.1f s", pid, process.pid(),
                (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Freezes the process and its children (PostgreSQL's backends are children of the postmaster: stopping the
     * postmaster alone would leave open connections working).
     */
    private String pause(ManagedProcess process, Duration length) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        ProcessHandle.of(process.pid()).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        pids.forEach(Signal.STOP::sendTo);
        try {
            sleepThrough(length);
        } finally {
            pids.forEach(Signal.CONT::sendTo);
        }
        long begin = System.nanoTime();
        process.waitHealthy(HEALTHY_AFTER_PAUSE);
        return String.format("SIGSTOP %d processes for %d s, healthy %.1f s after SIGCONT", pids.size(),
                length.toSeconds(), (System.nanoTime() - begin) / 1e9);
    }

    private String delay(TcpProxy proxy, Duration length) {
        proxy.delay(proxyDelay);
        try {
            sleepThrough(length);
        } finally {
            proxy.delay(Duration.ZERO);
        }
        return "+" + proxyDelay.toMillis() + " ms per chunk for " + length.toSeconds() + " s";
    }

    private String cut(TcpProxy proxy, Duration length) {
        proxy.refuse(true);
        int cut = proxy.cut();
        try {
            sleepThrough(length);
        } finally {
            proxy.refuse(false);
        }
        return cut + " connections cut, new ones refused for " + length.toSeconds() + " s";
    }

    private ManagedProcess process(String name) {
        ManagedProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + "; known: " + processes.keySet());
        }
        return process;
    }

    private TcpProxy proxy(String name) {
        TcpProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw new IllegalArgumentException("no proxy " + name + "; known: " + proxies.keySet());
        }
        return proxy;
    }

    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // restart() copes with a process that is slow to go (it stops it again)
            }
        });
    }

    /** A fault's own duration is not cut short by stopping: the system must come back before the checker. */
    private static void sleepThrough(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                // keep the fault's length; the interrupt is only meant for the gap between faults
            }
        }
    }

    /** Waits between faults; false when stopped meanwhile. */
    private boolean sleep(long millis) {
        synchronized (sleeping) {
            long end = System.currentTimeMillis() + millis;
            long left;
            while (!stopping && (left = end - System.currentTimeMillis()) > 0) {
                try {
                    sleeping.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !stopping;
        }
    }

    /** Stops after the fault in progress (if any) has recovered. */
    @Override
    public void close() {
        stopping = true;
        synchronized (sleeping) {
            sleeping.notifyAll();
        }
        try {
            thread.join(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
