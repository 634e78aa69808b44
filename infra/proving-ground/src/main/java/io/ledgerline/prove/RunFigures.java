package io.ledgerline.prove;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledgerline.local.LocalStack;
import io.ledgerline.prove.bench.InstanceWork;
import io.ledgerline.prove.bench.MetricsSampler;
import io.ledgerline.prove.bench.RebuildBenchmark;
import io.ledgerline.prove.bench.VisibilityProbe;
import io.ledgerline.prove.check.CheckResult;
import io.ledgerline.prove.check.Violation;
import io.ledgerline.prove.faults.FaultInjector;
import io.ledgerline.prove.report.Chart;
import io.ledgerline.prove.report.Figures;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.suite.BenchmarkSuite;
import io.ledgerline.prove.suite.Scenario;
import io.ledgerline.prove.suite.ScenarioResult;
import io.ledgerline.prove.suite.Stability;
import io.ledgerline.prove.suite.SuiteSettings;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import io.ledgerline.prove.workload.WorkloadSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import org.HdrHistogram.Histogram;

/** Collects the figures of a run as its phases finish, and writes summary.txt, report.json, report.html. */
final class RunFigures {

    private final ProveOptions options;
    private final Timeline timeline;
    private final OperationLog log;
    private final Figures figures = new Figures();

    RunFigures(ProveOptions options, Timeline timeline, OperationLog log) {
        this.options = options;
        this.timeline = timeline;
        this.log = log;
        var w = options.workload();
        put("run", "seed", w.seed());
        if (!options.benchmark()) {
            put("run", "workload", (w.operations() > 0 ? w.operations() + " operations"
                    : w.duration().toSeconds() + " s") + ", " + (w.rate() > 0 ? "target " + w.rate() + " ops/s"
                    : "closed loop") + ", concurrency " + w.concurrency());
            put("run", "mix", w.mix().toString());
            put("run", "accounts / zipf skew", options.accounts() + " / " + options.skew());
            put("run", "retry probability / via kafka", w.retryProbability() + " / " + w.viaKafka());
            put("run", "faults", options.faults().mode().label() + (options.faults().mode().label()
                    .equals("none") ? "" : " every " + options.faults().interval().toSeconds() + " s, kinds "
                    + options.faults().kinds() + ", targets " + options.faults().targets() + ", pause "
                    + options.faults().pause().toSeconds() + " s"));
            put("run", "warm-up", options.warmup().isZero() ? "none"
                    : options.warmup().toSeconds() + " s, not measured");
        } else {
            put("run", "workload", "the benchmark suite");
            pinned(options.suite());
        }
        put("machine", "cores", Runtime.getRuntime().availableProcessors());
        put("machine", "memory", memory());
        put("machine", "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        put("machine", "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    Figures figures() {
        return figures;
    }

    void put(String section, String name, Object value) {
        figures.put(section, name, value);
    }

    void startup(LocalStack stack) {
        put("startup", "whole stack (s)", stack.startupTime().toMillis() / 1000.0);
        stack.componentStartupTimes().forEach((name, time) -> put("startup", name + " (s)", time.toMillis() / 1000.0));
    }

    /** The benchmark's pinned workload, in the report header. */
    private void pinned(SuiteSettings suite) {
        String b = "benchmark workload (pinned)";
        put(b, "scenarios", suite.scenarios().stream().map(Scenario::name).toList().toString());
        put(b, "accounts", SuiteSettings.ACCOUNTS + " (every fifth USD, the rest EUR; every third with an"
                + " overdraft limit of " + io.ledgerline.prove.workload.Accounts.OVERDRAFT + ")");
        put(b, "account choice", "uniform (Zipf skew " + SuiteSettings.SKEW + ")");
        put(b, "amounts", "1-" + WorkloadSettings.Amounts.BALANCED.deposit() + " for deposits, withdrawals and"
                + " transfers; first deposit " + SuiteSettings.SEED_DEPOSIT + "; no cross-currency transfers");
        put(b, "mixes", "dw = " + Scenario.Workload.DEPOSIT_WITHDRAW.mix() + "; mixed = "
                + Scenario.Workload.MIXED.mix());
        put(b, "deliberate retries", "off (clients still retry unknown outcomes twice, 300 ms apart)");
        put(b, "visibility probes", "one acknowledged command in " + Scenario.PROBE_EVERY + " (idle: every one)");
        put(b, "command rate limit per principal", "raised to burst " + SuiteSettings.RATE_LIMIT + ", "
                + SuiteSettings.RATE_LIMIT + "/s (ledgerline.web.rate-limit.*)");
        put(b, "query read limits", "service role raised to burst " + SuiteSettings.RATE_LIMIT + ", "
                + SuiteSettings.RATE_LIMIT + "/s; minVersion waits bound raised to " + SuiteSettings.RATE_LIMIT
                + " (ledgerline.query.limits.*)");
        put(b, "principals", "one service token per worker");
        put(b, "warm-up", "dw at " + SuiteSettings.WARMUP_WORKERS + " workers until the last "
                + SuiteSettings.STABLE_WINDOWS + " windows of " + SuiteSettings.WARMUP_WINDOW.toSeconds()
                + " s are within +-" + Math.round(100 * SuiteSettings.STABLE_TOLERANCE) + " % of their mean; at least "
                + suite.warmupMinimum().toSeconds() + " s, at most " + suite.warmupCap().toSeconds() + " s");
        put(b, "each scenario", "baseline " + suite.baseline().toSeconds() + " s; settle " + suite.settle()
                .toSeconds() + " s; measured " + suite.window().toSeconds() + " s; drain; baseline "
                + suite.baseline().toSeconds() + " s");
        put(b, "raw PostgreSQL baseline", "single-row INSERT commits into a table shaped like domainevententry,"
                + " as many connections as the scenario has workers, same server");
        put(b, "rebuild", "from offset 0 once the store holds at least " + suite.rebuildEvents() + " events");
        put(b, "profiling", suite.profile() ? "async-profiler, itimer every " + suite.profileInterval().toMillis()
                + " ms, each measured window" : "off");
    }

    /** The suite's figures: the warm-up, one section per scenario, the table at the top of summary.txt. */
    void suite(BenchmarkSuite.Result result) {
        String w = "warm-up";
        put(w, "took (s)", result.warmup().took().toMillis() / 1000.0);
        put(w, "ended", result.warmup().state() == Stability.State.STABLE ? "stable" : "at the cap, NOT stable");
        put(w, "acknowledged/s per window", result.warmup().windowRates().stream()
                .map(r -> String.format(Locale.ROOT, "%.1f", r)).toList().toString());
        put(w, "spread of the last windows (%)", 100 * result.warmup().spread());
        for (ScenarioResult scenario : result.scenarios()) {
            scenario.figures().forEach((name, value) -> put("scenario " + scenario.scenario().name(), name, value));
        }
        put("fill", "operations added", result.fillOperations());
        put("fill", "took (s)", result.fillTook().toMillis() / 1000.0);
        put("fill", "events in the store before the rebuild", result.eventsBeforeRebuild());
        if (result.profileSummary() != null) {
            put("profiles", "files", "profiles/<scenario>/<process>.collapsed; CPU by category in"
                    + " profiles/summary.txt");
            result.profiles().forEach((file, shares) -> put("profiles", file + " (% of samples)", shares));
            put("profiles", "failures", result.profileFailures().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).toList());
        }
        StringBuilder table = new StringBuilder("benchmark suite: one row per scenario (ratio = acknowledged/s"
                + " / mean of the two baselines; CPU in ms per acknowledged command)\n");
        table.append(ScenarioResult.table(result.scenarios())).append('\n');
        figures.preamble(table.toString());
    }

    void workload(Workload workload, VisibilityProbe visibility) {
        String s = "workload";
        double seconds = timeline.measuredSeconds();
        long answered = timeline.measuredOk() + timeline.measuredRejected();
        put(s, "seconds", seconds);
        put(s, "operations (distinct ids)", log.operations());
        put(s, "attempts", log.attempts());
        put(s, "attempts ok", log.attempts(Outcome.OK));
        put(s, "attempts refused (4xx, REJECTED)", log.attempts(Outcome.REJECTED));
        put(s, "attempts not sent (refused conn.)", log.attempts(Outcome.NOT_SENT));
        put(s, "attempts unknown", log.attempts(Outcome.UNKNOWN));
        put(s, "commands/s (answered)", answered / seconds);
        put(s, "acknowledged commands/s", timeline.measuredOk() / seconds);
        millis(s, "command latency", timeline.latency());
        String v = "visibility";
        put(v, "probes (1 in " + options.visibilitySampleEvery() + " acknowledged)", timeline.ackToVisible()
                .getTotalCount());
        millis(v, "ack -> visible in query API", timeline.ackToVisible());
        millis(v, "event commit -> visible", timeline.commitToVisible());
        put(v, "probes dropped (queue full) / gave up", visibility.dropped() + " / " + visibility.gaveUp());
        String p = "publication";
        gaugeFigures(p, MetricsSampler.PUBLICATION_LAG, "lag (events)");
        gaugeFigures(p, MetricsSampler.PUBLICATION_MEAN, "commit -> broker ack, per-second mean (ms)");
        gaugeFigures(p, MetricsSampler.TRANSFER_PROCESS_LAG, "transfer process lag (events)");
        gaugeFigures(p, MetricsSampler.CONSUMER_LAG, "query consumer lag (records)");
    }

    void faults(FaultInjector injector) {
        List<String> lines = new ArrayList<>();
        for (Timeline.Mark fault : timeline.faults()) {
            lines.add(String.format(Locale.ROOT, "%.1f-%.1f s %s: %s", fault.startMillis() / 1000.0,
                    fault.endMillis() / 1000.0, fault.label(), fault.detail()));
        }
        put("faults", "injected", lines);
        put("faults", "recovery failures", injector.errors());
    }

    /**
     * Per instance, with several of a service: what each processed, how long the others took to hold the
     * segments and partitions of an instance under a fault, and every move of them.
     */
    void instances(FaultInjector injector, InstanceWork work) {
        if (options.instances().commandServices() == 1 && options.instances().queryServices() == 1) {
            return;
        }
        String i = "instances";
        put(i, "processed per instance", work.processed());
        List<String> takeOvers = new ArrayList<>();
        List<InstanceWork.TakeOver> all = new ArrayList<>();
        for (FaultInjector.Injected fault : injector.injected()) {
            for (InstanceWork.TakeOver t : work.takeOver(fault.fault().target(), fault.startMillis(),
                    fault.endMillis())) {
                takeOvers.add(fault.fault().describe() + ": " + t.describe());
                all.add(t);
            }
        }
        put(i, "take-over after a fault", takeOvers);
        put(i, "take-over, longest (s)", all.stream().filter(t -> t.afterMillis() != null)
                .mapToDouble(t -> t.afterMillis() / 1000.0).max().orElse(Double.NaN));
        put(i, "take-overs that did not happen before the instance was back", all.stream()
                .filter(t -> t.afterMillis() == null).count());
        List<String> moves = work.moves().stream().map(InstanceWork.Move::describe).toList();
        put(i, "segment and partition moves (" + moves.size() + ")", moves.size() > 300
                ? moves.subList(0, 300) : moves);
    }

    void quiescence(Duration waited, List<String> busy) {
        put("quiescence", "waited (s)", waited.toMillis() / 1000.0);
        put("quiescence", "at rest", busy.isEmpty());
        if (!busy.isEmpty()) {
            put("quiescence", "still busy", busy);
        }
    }

    void check(CheckResult check) {
        String c = "check";
        put(c, "events in the store", check.storeEvents());
        put(c, "accounts / transfers", check.accounts() + " / " + check.transfers());
        put(c, "transfers by status", check.transfersByStatus());
        put(c, "topic messages (redelivered copies)", check.topicMessages() + " (" + check.topicDuplicates() + ")");
        put(c, "read models compared", check.readModelsChecked());
        put(c, "balances by currency", check.balancesByCurrency());
        put(c, "deposits - withdrawals by currency", check.netDepositsByCurrency());
        Map<Outcome, Long> verdicts = new LinkedHashMap<>();
        log.entries().forEach(e -> verdicts.merge(e.verdict(), 1L, Long::sum));
        put(c, "operations by verdict", verdicts);
    }

    void rebuild(RebuildBenchmark.Result rebuild) {
        put("rebuild", "state", rebuild.state());
        put("rebuild", "events applied / skipped", rebuild.eventsApplied() + " / " + rebuild.eventsSkipped());
        put("rebuild", "seconds", rebuild.seconds());
        put("rebuild", "events/s", rebuild.perSecond());
        if (rebuild.detail() != null) {
            put("rebuild", "detail", rebuild.detail()); // why a rebuild failed
        }
    }

    void verdict(List<Violation> violations) {
        Map<String, Long> counts = new LinkedHashMap<>();
        violations.forEach(v -> counts.merge(v.invariant(), 1L, Long::sum));
        put("verdict", "passed", violations.isEmpty());
        put("verdict", "violations by invariant", counts);
        put("verdict", "violations", violations.stream().map(Violation::toString).limit(1000).toList());
    }

    private void gaugeFigures(String section, String gauge, String label) {
        NavigableMap<Integer, Double> values = timeline.gauges().get(gauge);
        if (values == null || values.isEmpty()) {
            put(section, label, "not sampled");
            return;
        }
        Histogram h = new Histogram(3);
        values.values().forEach(value -> h.recordValue(Math.max(0, Math.round(value))));
        put(section, label + " p50 / p99 / max", h.getValueAtPercentile(50) + " / " + h.getValueAtPercentile(99)
                + " / " + h.getMaxValue());
    }

    private void millis(String section, String label, Histogram micros) {
        put(section, label + " p50 (ms)", Timeline.percentileMillis(micros, 50));
        put(section, label + " p95 (ms)", Timeline.percentileMillis(micros, 95));
        put(section, label + " p99 (ms)", Timeline.percentileMillis(micros, 99));
        put(section, label + " max (ms)", micros.getTotalCount() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0);
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB")
                    .findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** summary.txt, report.json (every figure, the timeline, every violation), report.html, operations.csv. */
    static void write(Path output, Figures figures, Timeline timeline, OperationLog log, List<Violation> violations)
            throws IOException {
        Files.writeString(output.resolve("summary.txt"), figures.text());
        Map<String, Object> json = new LinkedHashMap<>(figures.sections());
        json.put("timeline", Map.of("seconds", timeline.seconds(), "gauges", timeline.gauges(), "faults",
                timeline.faults(), "phases", timeline.phases(), "windows", timeline.windowMarks(),
                "startEpochMillis", timeline.startEpochMillis()));
        json.put("allViolations", violations);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(output.resolve("report.json").toFile(), json);
        Files.writeString(output.resolve("report.html"), Chart.html("Ledgerline proving ground — "
                + output.getFileName(), timeline, figures));
        try (BufferedWriter csv = Files.newBufferedWriter(output.resolve("operations.csv"))) {
            csv.write("key,operation,verdict,attempts\n");
            for (OperationLog.Entry entry : log.entries()) {
                StringBuilder attempts = new StringBuilder();
                for (Attempt a : entry.attempts()) {
                    attempts.append(attempts.length() == 0 ? "" : " | ").append(a.describe())
                            .append(String.format(Locale.ROOT, " %.1fms", a.latencyNanos() / 1e6));
                }
                csv.write(quote(entry.operation().key()) + "," + quote(entry.operation().toString()) + ","
                        + entry.verdict() + "," + quote(attempts.toString()) + "\n");
            }
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
