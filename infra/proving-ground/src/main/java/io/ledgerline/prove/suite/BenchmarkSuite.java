package io.ledgerline.prove.suite;

import io.ledgerline.local.LocalStack;
import io.ledgerline.local.LocalStackConfig;
import io.ledgerline.prove.bench.MetricsSampler;
import io.ledgerline.prove.bench.PostgresBaseline;
import io.ledgerline.prove.bench.ProcCpu;
import io.ledgerline.prove.bench.VisibilityProbe;
import io.ledgerline.prove.check.EventStoreSnapshot;
import io.ledgerline.prove.check.Quiescence;
import io.ledgerline.prove.profile.ProfileSummary;
import io.ledgerline.prove.profile.Profiler;
import io.ledgerline.prove.report.Progress;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.workload.Accounts;
import io.ledgerline.prove.workload.HttpCommands;
import io.ledgerline.prove.workload.KafkaCommands;
import io.ledgerline.prove.workload.LoadBalancer;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import io.ledgerline.prove.workload.WorkloadSettings;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.postgres.LocalPostgres;
import io.ledgerline.testkit.postgres.PostgresProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The benchmark suite behind {@code infra/prove --benchmark}, on one running stack: set-up, a warm-up until the
 * acknowledged rate is stable, then each scenario (baseline before, settle, measured window, drain, baseline
 * after), then a fill up to the rebuild's event count. What it measured comes back as {@link ScenarioResult}s;
 * quiescence, the invariant check and the rebuild stay with {@code ProveRun}.
 */
public final class BenchmarkSuite {

    /** What the suite needs from the run around it. */
    public record Context(LocalStack stack, LocalStackConfig config, HttpClient http, String operatorToken,
                          IntFunction<String> workerToken, WorkloadSettings base, Timeline timeline,
                          OperationLog log, MetricsSampler metrics, Progress progress, Path output) {
    }

    /** The warm-up: how long it took and whether it ended stable. */
    public record Warmup(Duration took, Stability.State state, List<Double> windowRates, double spread) {
    }

    /** What the suite produced. */
    public record Result(Warmup warmup, List<ScenarioResult> scenarios, long fillOperations, Duration fillTook,
                          long eventsBeforeRebuild, String profileSummary, Map<String, Map<String, Double>> profiles,
                          Map<String, String> profileFailures) {
    }

    public static final String IN_FLIGHT = "transfers in flight (transfer_in_flight)";
    public static final String AWAITING = "transfers awaiting terminal event";
    public static final String COMMITTED_LAG = "query group lag, committed (records)";
    private static final String QUERY_GROUP = "ledger-query";
    public static final String MACHINE_CPU = "CPU machine busy (% of all cores)";
    /**
     * Visibility probes in flight at most. A probe that is not visible yet costs the query-service a re-read of
     * its document after each batch it applies (and every 50 ms) until it is: when visibility degrades, more
     * probes at once would add load to the very side they measure. A probe that finds all of them busy is dropped
     * and counted, never queued (a queued probe would measure its time in the queue).
     */
    static final int PROBE_THREADS = 16;

    private final SuiteSettings settings;
    private final Context context;
    private final Accounts accounts;
    private final HttpCommands commands;
    private final ProcCpu proc = ProcCpu.system();
    private final TransferWatcher transfers;
    private final Map<Scenario.Workload, Double> bestRate = new EnumMap<>(Scenario.Workload.class);
    private final Map<String, String> profileFailures = new LinkedHashMap<>();
    private volatile VisibilityProbe probe;
    /** The query group's committed lag at the last sample (-1: unknown). */
    private volatile long committedLag = -1;
    private Connection backlog;
    private List<ProcCpu.Target> targets;
    private Profiler profiler;

    public BenchmarkSuite(SuiteSettings settings, Context context) {
        this.settings = settings;
        this.context = context;
        this.accounts = new Accounts(SuiteSettings.ACCOUNTS, SuiteSettings.SKEW, context.base().seed());
        // no faults here, so no health checks: their probes would be load the benchmark did not ask for
        this.commands = new HttpCommands(LoadBalancer.roundRobin(context.config().commandServiceUrls()),
                context.base().requestTimeout());
        this.transfers = new TransferWatcher(context.config().kafkaClientProperties(KafkaUsers.ADMIN), context.timeline());
    }

    public Result run() throws Exception {
        Timeline timeline = context.timeline();
        Progress progress = context.progress();
        targets = targets();
        if (settings.profile()) {
            profiler = Profiler.extract(context.output().resolve("profiles"), settings.profileInterval());
            progress.say("async-profiler library at " + profiler.library());
        }
        Workload.Listener listener = (op, attempt) -> {
            timeline.attempted(op, attempt);
            transfers.attempted(op, attempt);
            VisibilityProbe p = probe;
            if (p != null) {
                p.attempted(op, attempt);
            }
        };
        try (Sampler sampler = new Sampler().start()) {
            Workload setUp = workload(context.base(), null, listener, "");
            long start = System.nanoTime();
            progress.phase("set-up", () -> context.log().operations() + " of " + 2 * SuiteSettings.ACCOUNTS
                    + " set-up operations");
            setUp.setUp(Duration.ofMinutes(3));
            timeline.phase("set-up", start, System.nanoTime());

            Warmup warmup = warmUp(listener);
            List<ScenarioResult> results = new ArrayList<>();
            for (int i = 0; i < settings.scenarios().size(); i++) {
                results.add(scenario(settings.scenarios().get(i), i, listener));
            }
            start = System.nanoTime();
            long before = context.log().operations();
            fill(listener);
            Duration fillTook = Duration.ofNanos(System.nanoTime() - start);
            long fillOperations = context.log().operations() - before;
            String profileText = null;
            Map<String, Map<String, Double>> shares = Map.of();
            if (profiler != null) {
                List<ProfileSummary.Split> splits = ProfileSummary.splits(List.of(context.output()
                        .resolve("profiles")));
                profileText = ProfileSummary.text(splits, settings.profileInterval().toNanos() / 1e6);
                Files.writeString(context.output().resolve("profiles/summary.txt"), profileText);
                shares = ProfileSummary.shares(splits);
            }
            return new Result(warmup, results, fillOperations, fillTook, events(), profileText, shares,
                    profileFailures);
        } finally {
            transfers.close();
            synchronized (this) {
                if (backlog != null) {
                    backlog.close();
                }
            }
        }
    }

    /**
     * Deposits/withdrawals at 16 workers until the acknowledged rate is stable (or the cap), probed for visibility
     * as the scenarios are: without the probes the query-service's read path (HTTP, security, the minVersion wait,
     * MongoDB reads) was first compiled in the first measured window, half of that service's CPU went to the JIT
     * there (docs/benchmarks.md). A probe's figures count only in a measured window (by its ack), so none of these.
     */
    private Warmup warmUp(Workload.Listener listener) throws Exception {
        try (VisibilityProbe warmProbe = new VisibilityProbe(
                LoadBalancer.roundRobin(context.config().queryServiceUrls()), context.operatorToken(),
                Scenario.PROBE_EVERY, context.timeline(), PROBE_THREADS)) {
            probe = warmProbe;
            return warmUpProbed(listener);
        } finally {
            probe = null;
        }
    }

    private Warmup warmUpProbed(Workload.Listener listener) throws Exception {
        Stability stability = new Stability(SuiteSettings.STABLE_WINDOWS, SuiteSettings.STABLE_TOLERANCE,
                SuiteSettings.WARMUP_WINDOW, settings.warmupMinimum(), settings.warmupCap(),
                SuiteSettings.STABLE_JIT_SHARE);
        Workload workload = workload(context.base().withSeed(context.base().seed() * 31 + 1), null, listener,
                "warm-");
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        String[] state = {"warming"};
        context.progress().phase("warm-up", () -> String.format(Locale.ROOT, "%.0f s, windows %s, %s",
                (System.nanoTime() - start) / 1e9, rates(stability.rates()), state[0]));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Stability.State verdict;
        try {
            Future<?> load = runner.submit(() -> {
                workload.run(() -> !stop.get());
                return null;
            });
            long ok = context.log().attempts(Outcome.OK);
            long windowStart = System.nanoTime();
            ProcCpu.Snapshot machine = proc.snapshot();
            long jit = jitTicks();
            do {
                Thread.sleep(SuiteSettings.WARMUP_WINDOW.toMillis());
                long now = System.nanoTime();
                long okNow = context.log().attempts(Outcome.OK);
                ProcCpu.Snapshot machineNow = proc.snapshot();
                long jitNow = jitTicks();
                long busy = machineNow.machine().busy() - machine.machine().busy();
                verdict = stability.add((okNow - ok) / ((now - windowStart) / 1e9),
                        busy <= 0 ? Double.NaN : (jitNow - jit) / (double) busy);
                ok = okNow;
                windowStart = now;
                machine = machineNow;
                jit = jitNow;
                state[0] = String.format(Locale.ROOT, "spread %.1f %%, JIT %.0f %% of the busy CPU",
                        100 * stability.spread(), 100 * stability.jitShare());
            } while (verdict == Stability.State.WARMING);
            stop.set(true);
            load.get();
        } finally {
            runner.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        context.timeline().phase("warm-up", start, System.nanoTime());
        context.progress().say(String.format(Locale.ROOT, "warm-up %s after %.0f s: %s acknowledged/s per 10 s "
                        + "window, last %d within %.1f %%, JIT compilers %.0f %% of the busy CPU in the last",
                verdict == Stability.State.STABLE ? "stable" : "NOT stable (cap)",
                took.toMillis() / 1000.0, rates(stability.rates()), SuiteSettings.STABLE_WINDOWS,
                100 * stability.spread(), 100 * stability.jitShare()));
        return new Warmup(took, verdict, stability.rates(), stability.spread());
    }

    private ScenarioResult scenario(Scenario scenario, int index, Workload.Listener listener) throws Exception {
        Timeline timeline = context.timeline();
        Progress progress = context.progress();
        double rate = switch (scenario.load()) {
            case CLOSED -> 0;
            case IDLE -> scenario.idleRate();
            // at least 1/s: a closed-loop scenario that acknowledged nothing must not turn this one closed-loop too
            case HALF_MAX -> Math.max(1, bestRate.getOrDefault(scenario.workload(), 0.0) / 2);
        };
        WorkloadSettings load = context.base().withSeed(context.base().seed() * 31 + 100 + index)
                .with(scenario.workers(), rate, scenario.workload().mix(),
                        scenario.channel() == Scenario.Channel.KAFKA ? 1 : 0, scenario.channel().style());
        progress.phase(scenario.name(), () -> "raw PostgreSQL baseline before, " + scenario.workers()
                + " connections");
        PostgresBaseline.Result before = baseline(scenario.workers());
        progress.say(String.format(Locale.ROOT, "baseline before: %.0f inserts/s", before.perSecond()));

        VisibilityProbe visibility = new VisibilityProbe(LoadBalancer.roundRobin(context.config().queryServiceUrls()),
                context.operatorToken(), scenario.visibilityEvery(), timeline, PROBE_THREADS);
        probe = visibility;
        long pollsBefore = commands.statusPolls();
        Timeline.Window window;
        CpuWindow cpu;
        long stopped;
        Map<String, String> failures = new LinkedHashMap<>();
        try (KafkaCommands topic = scenario.channel() == Scenario.Channel.KAFKA
                ? new KafkaCommands(
                        context.config().kafkaClientProperties(LocalStackConfig.LOAD_PRODUCER), Duration.ofSeconds(30)) : null) {
            Workload workload = workload(load, topic, listener, scenario.name() + "-");
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                long loadStart = System.nanoTime();
                Future<?> running = runner.submit(() -> {
                    workload.run(() -> !stop.get());
                    return null;
                });
                Timeline.Window[] open = {null};
                progress.detail(() -> scenarioLine(scenario, open[0], workload));
                Thread.sleep(settings.settle().toMillis());
                Map<String, Long> jvms = jvms();
                if (profiler != null) {
                    profiler.start(jvms).forEach((name, error) -> failures.put(scenario.name() + " start " + name,
                            error));
                }
                ProcCpu.Snapshot first = proc.snapshot();
                long jitFirst = jitTicks();
                window = timeline.startMeasuring(scenario.name());
                open[0] = window;
                Thread.sleep(settings.window().toMillis());
                timeline.stopMeasuring();
                ProcCpu.Snapshot last = proc.snapshot();
                cpu = CpuWindow.between(first, last, targets)
                        .withJit((jitTicks() - jitFirst) / (double) ProcCpu.TICKS_PER_SECOND);
                if (profiler != null) {
                    Path folder = context.output().resolve("profiles").resolve(scenario.name());
                    profiler.stop(jvms, folder).forEach((name, error) -> failures.put(scenario.name() + " stop "
                            + name, error));
                }
                stop.set(true);
                running.get();
                stopped = System.nanoTime();
                timeline.phase(scenario.name(), loadStart, stopped);
            } finally {
                runner.shutdownNow();
            }
        }
        failures.forEach((what, error) -> progress.say("profiler: " + what + ": " + error));
        profileFailures.putAll(failures);

        progress.detail(() -> "drain: " + transfers.pending() + " transfers awaiting their terminal event, "
                + inFlightNow() + " in flight in the store, publication lag " + latest(MetricsSampler.PUBLICATION_LAG)
                + ", query group lag " + committedLag);
        Drain drain = drain(stopped);
        visibility.close();
        probe = null;
        PostgresBaseline.Result after = baseline(scenario.workers());
        ScenarioResult result = ScenarioResult.of(scenario, rate, window, cpu, before, after, drain,
                timeline, commands.statusPolls() - pollsBefore, visibility);
        if (scenario.load() == Scenario.Load.CLOSED && scenario.channel() == Scenario.Channel.HTTP) {
            bestRate.merge(scenario.workload(), result.acknowledgedPerSecond(), Math::max);
        }
        progress.say(result.line());
        return result;
    }

    /** How long after the load stopped the backlogs took to empty (NaN: not within the limit). */
    public record Drain(double inFlightSeconds, double terminalSeconds, double projectionSeconds) {
    }

    /**
     * Waits until no transfer row is in flight (polled every 100 ms), every acknowledged transfer's terminal event
     * arrived, and the publisher and the query-service's consumer group (its committed offsets) are at the head
     * (both sampled each second, so that figure is good to about a second), for at most
     * {@link SuiteSettings#DRAIN_LIMIT}.
     */
    private Drain drain(long stopped) throws InterruptedException {
        double inFlight = Double.NaN;
        double terminal = Double.NaN;
        double projection = Double.NaN;
        long deadline = stopped + SuiteSettings.DRAIN_LIMIT.toNanos();
        while (System.nanoTime() < deadline && (Double.isNaN(inFlight) || Double.isNaN(terminal)
                || Double.isNaN(projection))) {
            double since = (System.nanoTime() - stopped) / 1e9;
            if (Double.isNaN(inFlight) && inFlightNow() == 0) {
                inFlight = since;
            }
            if (Double.isNaN(terminal) && transfers.pending() == 0) {
                terminal = since;
            }
            Double publication = context.metrics().latest(MetricsSampler.PUBLICATION_LAG);
            if (Double.isNaN(projection) && publication != null && publication == 0 && committedLag == 0
                    && context.metrics().sampledAfter(stopped) && (System.nanoTime() - stopped) > 1_000_000_000L) {
                projection = since; // (after a second: the committed lag is sampled once a second too)
            }
            Thread.sleep(100);
        }
        return new Drain(inFlight, terminal, projection);
    }

    /** Deposits/withdrawals at 16 workers until the store holds the events the rebuild is to replay. */
    private void fill(Workload.Listener listener) throws Exception {
        long have = events();
        if (settings.rebuildEvents() <= 0 || have >= settings.rebuildEvents()) {
            context.progress().say("fill: the store holds " + have + " events, the rebuild wants "
                    + settings.rebuildEvents() + ": nothing to add");
            return;
        }
        Workload workload = workload(context.base().withSeed(context.base().seed() * 31 + 2), null, listener,
                "fill-");
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        long[] count = {have};
        context.progress().phase("fill", () -> count[0] + " of " + settings.rebuildEvents() + " events");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<?> load = runner.submit(() -> {
                workload.run(() -> !stop.get());
                return null;
            });
            long deadline = start + Duration.ofMinutes(60).toNanos();
            while (count[0] < settings.rebuildEvents() && System.nanoTime() < deadline && !load.isDone()) {
                Thread.sleep(2000);
                count[0] = events();
            }
            stop.set(true);
            load.get();
        } finally {
            runner.shutdownNow();
        }
        context.timeline().phase("fill", start, System.nanoTime());
    }

    private Workload workload(WorkloadSettings load, KafkaCommands topic, Workload.Listener listener,
                              String prefix) {
        Workload workload = new Workload(load, accounts, commands, topic, context.workerToken(), context.log(),
                listener);
        workload.idPrefix(prefix);
        return workload;
    }

    private PostgresBaseline.Result baseline(int connections) throws Exception {
        String url = PostgresProcess.jdbcUrl(context.config().ports().postgres())
                .replace("/" + PostgresProcess.DATABASE, "/" + LocalPostgres.DATABASE);
        return PostgresBaseline.run(url, LocalPostgres.USER, connections, settings.baseline(),
                context.base().seed());
    }

    private long events() {
        try {
            return EventStoreSnapshot.count(context.config().jdbcUrl(), LocalPostgres.USER,
                    "select count(*) from domainevententry");
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Transfers with a row in {@code transfer_in_flight}, on one kept connection: a connection per sample would
     * fork a PostgreSQL backend each time and charge the measurement to PostgreSQL's CPU.
     */
    private synchronized long inFlightNow() {
        try {
            if (backlog == null || !backlog.isValid(2)) {
                Properties p = new Properties();
                p.setProperty("user", LocalPostgres.USER);
                backlog = DriverManager.getConnection(context.config().jdbcUrl(), p);
            }
            try (var statement = backlog.createStatement();
                 var rows = statement.executeQuery("select count(distinct transfer_id) from transfer_in_flight")) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            backlog = null;
            return -1;
        }
    }

    /** The processes whose CPU is counted: the stack's, PostgreSQL as a tree, and this JVM (the load). */
    private List<ProcCpu.Target> targets() {
        LocalStack stack = context.stack();
        List<ProcCpu.Target> targets = new java.util.ArrayList<>();
        for (var service : stack.commandServices()) {
            targets.add(new ProcCpu.Target(service.name(), service.pid(), false));
        }
        for (var service : stack.queryServices()) {
            targets.add(new ProcCpu.Target(service.name(), service.pid(), false));
        }
        targets.add(new ProcCpu.Target("kafka", stack.kafka().pid(), false));
        targets.add(new ProcCpu.Target("mongo", stack.mongo().pid(), false));
        targets.add(new ProcCpu.Target("postgres", stack.postgres().pid(), true));
        targets.add(new ProcCpu.Target("load generator", ProcessHandle.current().pid(), false));
        return List.copyOf(targets);
    }

    /** CPU ticks of the JIT compiler threads of every JVM of the run, so far. */
    private long jitTicks() {
        return jvms().values().stream().mapToLong(proc::jitTicks).sum();
    }

    /** The JVMs async-profiler goes into: every stack JVM and this one. */
    private Map<String, Long> jvms() {
        Map<String, Long> jvms = new LinkedHashMap<>();
        targets.stream().filter(t -> !t.name().equals("postgres"))
                .forEach(t -> jvms.put(t.name().replace(' ', '-'), t.pid()));
        return jvms;
    }

    private String scenarioLine(Scenario scenario, Timeline.Window window, Workload workload) {
        Timeline.SecondView recent = context.timeline().recent(5);
        return String.format(Locale.ROOT, "%s: %s, %.0f acknowledged/s (p50 %.0f ms, p99 %.0f ms), %d transfers"
                        + " awaiting settlement, publication lag %s, query group lag %d",
                window == null ? "settling" : "measuring", scenario.shape(), recent.ok() / 5.0, recent.p50Millis(),
                recent.p99Millis(), transfers.pending(), latest(MetricsSampler.PUBLICATION_LAG), committedLag);
    }

    private String latest(String gauge) {
        Double value = context.metrics().latest(gauge);
        return value == null ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String rates(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList().toString();
    }

    /**
     * Once a second: each process's CPU (percent of one core) and the machine's, the transfers in flight in the
     * store and those awaiting their terminal event, into the timeline's gauges.
     */
    private final class Sampler implements AutoCloseable {
        private final Thread thread = new Thread(this::loop, "prove-suite-sampler");
        private volatile boolean stopping;
        private Admin admin;

        Sampler start() {
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        private void loop() {
            ProcCpu.Snapshot previous = null;
            while (!stopping) {
                try {
                    ProcCpu.Snapshot now = proc.snapshot();
                    if (previous != null) {
                        CpuWindow second = CpuWindow.between(previous, now, targets);
                        second.cpuSeconds().forEach((name, s) -> {
                            if (!s.isNaN()) {
                                context.timeline().gauge("CPU " + name + " (% of a core)", 100 * s / second.seconds());
                            }
                        });
                        if (!Double.isNaN(second.machineBusyShare())) {
                            context.timeline().gauge(MACHINE_CPU, 100 * second.machineBusyShare());
                        }
                    }
                    previous = now;
                    long inFlight = inFlightNow();
                    if (inFlight >= 0) {
                        context.timeline().gauge(IN_FLIGHT, inFlight);
                    }
                    context.timeline().gauge(AWAITING, transfers.pending());
                    committedLag = committedLagNow();
                    if (committedLag >= 0) {
                        context.timeline().gauge(COMMITTED_LAG, committedLag);
                    }
                } catch (IOException | RuntimeException e) {
                    // a process exited between listing and reading, or /proc is unreadable: skip this second
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** On one kept admin client: the query group's committed offsets against the topics' ends. */
        private long committedLagNow() {
            try {
                if (admin == null) {
                    admin = Admin.create(KafkaUsers.config(context.config().kafkaClientProperties(KafkaUsers.ADMIN), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
                }
                return Quiescence.committedLag(admin, QUERY_GROUP);
            } catch (Exception e) {
                return -1;
            }
        }

        @Override
        public void close() {
            stopping = true;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
