package io.ledgerline.prove.suite;

import io.ledgerline.prove.bench.MetricsSampler;
import io.ledgerline.prove.bench.PostgresBaseline;
import io.ledgerline.prove.bench.VisibilityProbe;
import io.ledgerline.prove.report.Timeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Every figure of one scenario's measured window. Throughput counts acknowledged (2xx, SUCCEEDED) commands that
 * ended inside the window; the ratio divides it by the mean of the two raw PostgreSQL baselines around it.
 */
public record ScenarioResult(Scenario scenario, double targetRate, double seconds, long acknowledged,
                             long refused, long unknown, Map<String, Long> refusals, Histogram latency,
                             Histogram visibility, Histogram commitToVisible, Histogram settlement,
                             Map<String, Long> settled, long probesDropped, long probesGaveUp,
                             PostgresBaseline.Result before, PostgresBaseline.Result after, CpuWindow cpu,
                             BenchmarkSuite.Drain drain, Map<String, Trend> trends, long statusPolls) {

    /** The gauges whose trend over the window is reported, with the noise below which a rise is no growth. */
    static final Map<String, Double> TRENDS = trendGauges();

    private static Map<String, Double> trendGauges() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put(BenchmarkSuite.COMMITTED_LAG, 5.0);
        t.put(MetricsSampler.CONSUMER_LAG, 5.0);
        t.put(MetricsSampler.PROJECTION_LAG_SECONDS, 0.05);
        t.put(MetricsSampler.PUBLICATION_LAG, 5.0);
        t.put(MetricsSampler.PUBLICATION_LAG_SECONDS, 0.05);
        t.put(MetricsSampler.TRANSFER_PROCESS_LAG, 5.0);
        t.put(BenchmarkSuite.IN_FLIGHT, 2.0);
        t.put(BenchmarkSuite.AWAITING, 2.0);
        return t;
    }

    static ScenarioResult of(Scenario scenario, double targetRate, Timeline.Window window, CpuWindow cpu,
                             PostgresBaseline.Result before, PostgresBaseline.Result after,
                             BenchmarkSuite.Drain drain, Timeline timeline, long statusPolls,
                             VisibilityProbe probe) {
        int from = timeline.secondAt(window.startNanos());
        int to = timeline.secondAt(window.endNanos());
        Map<String, Trend> trends = new LinkedHashMap<>();
        TRENDS.forEach((gauge, noise) -> trends.put(gauge, Trend.of(timeline.gauges().get(gauge), from, to, noise)));
        return new ScenarioResult(scenario, targetRate, window.seconds(), window.ok(), window.rejected(),
                window.unknown(), window.refusals(), window.latency(), window.ackToVisible(),
                window.commitToVisible(), window.settlement(), window.settled(), probe.dropped(), probe.gaveUp(),
                before, after, cpu, drain, trends, statusPolls);
    }

    public double acknowledgedPerSecond() {
        return acknowledged / seconds;
    }

    public double baselineMean() {
        return (before.perSecond() + after.perSecond()) / 2;
    }

    public double ratio() {
        return acknowledgedPerSecond() / baselineMean();
    }

    /** Refused answers as a share of all answers, in percent. */
    public double refusedPercent() {
        long answered = acknowledged + refused;
        return answered == 0 ? Double.NaN : 100.0 * refused / answered;
    }

    /** Transfers requested in the window that ended REJECTED or FAILED, as a share of those settled, percent. */
    public double transfersNotCompletedPercent() {
        long all = settled.values().stream().mapToLong(Long::longValue).sum();
        return all == 0 ? Double.NaN : 100.0 * (all - settled.getOrDefault("COMPLETED", 0L)) / all;
    }

    public Map<String, Double> cpuMillisPerCommand() {
        return cpu.millisPer(acknowledged);
    }

    /** The progress line at the end of the scenario. */
    String line() {
        return String.format(Locale.ROOT, "%s: %.1f acknowledged/s, baseline %.0f / %.0f inserts/s, ratio %.4f, "
                        + "refused %.2f %%, latency p50 %.0f / p99 %.0f ms, visibility p99 %.0f ms, machine CPU %.0f %%",
                scenario.name(), acknowledgedPerSecond(), before.perSecond(), after.perSecond(), ratio(),
                refusedPercent(), p(latency, 50), p(latency, 99), p(visibility, 99),
                100 * cpu.machineBusyShare());
    }

    /** Every figure, for report.json and the per-scenario sections of summary.txt. */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("workload", scenario.workload().label() + " (" + scenario.workload().mix() + ")");
        f.put("load", scenario.shape());
        f.put("channel", scenario.channel().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (targetRate > 0) {
            f.put("target commands/s", targetRate);
            f.put("target achieved (acknowledged/s / target)", acknowledgedPerSecond() / targetRate);
        }
        f.put("window (s)", seconds);
        f.put("acknowledged commands", acknowledged);
        f.put("acknowledged commands/s", acknowledgedPerSecond());
        f.put("refused / unknown", refused + " / " + unknown);
        f.put("refused (% of answered)", refusedPercent());
        f.put("refusals by code", refusals);
        f.put("baseline before inserts/s", before.perSecond());
        f.put("baseline after inserts/s", after.perSecond());
        f.put("baseline mean inserts/s", baselineMean());
        f.put("baseline commit p50 before / after (ms)", String.format(Locale.ROOT, "%.2f / %.2f",
                p(before.latencyMicros(), 50), p(after.latencyMicros(), 50)));
        f.put("ratio acknowledged/s : baseline mean", ratio());
        f.put("ratio against before / after", String.format(Locale.ROOT, "%.4f / %.4f",
                acknowledgedPerSecond() / before.perSecond(), acknowledgedPerSecond() / after.perSecond()));
        millis(f, "command latency", latency);
        f.put("visibility probes (1 in " + scenario.visibilityEvery() + ")", visibility.getTotalCount());
        millis(f, "visibility ack -> readable", visibility);
        millis(f, "visibility event commit -> readable", commitToVisible);
        f.put("visibility probes dropped / gave up", probesDropped + " / " + probesGaveUp);
        if (!settled.isEmpty() || scenario.workload() == Scenario.Workload.MIXED) {
            f.put("transfers settled, by outcome", settled);
            f.put("transfers not completed (% of settled)", transfersNotCompletedPercent());
            f.put("settlement request -> terminal p50 (ms)", p(settlement, 50));
            f.put("settlement request -> terminal p99 (ms)", p(settlement, 99));
            f.put("settlement request -> terminal max (ms)", max(settlement));
        }
        f.put("drain: no transfer in flight after (s)", drain.inFlightSeconds());
        f.put("drain: every terminal event seen after (s)", drain.terminalSeconds());
        f.put("drain: publication and query group lag 0 after (s)", drain.projectionSeconds());
        trends.forEach((gauge, trend) -> f.put("trend " + gauge, trend.toString()));
        if (statusPolls > 0) {
            f.put("status polls per acknowledged command", acknowledged == 0 ? Double.NaN
                    : statusPolls / (double) acknowledged);
        }
        cpu.cpuSeconds().forEach((name, s) -> f.put("CPU s " + name, s));
        cpuMillisPerCommand().forEach((name, ms) -> f.put("CPU ms/command " + name, ms));
        f.put("CPU s machine busy (all processes)", cpu.machineBusySeconds());
        f.put("CPU s other processes on the machine", cpu.otherSeconds());
        f.put("CPU s JIT compiler threads (all JVMs, included above)", cpu.jitSeconds());
        f.put("machine CPU busy (% of all cores)", 100 * cpu.machineBusyShare());
        return f;
    }

    /** The column heads of the summary table. */
    static final List<String> HEAD = List.of("scenario", "load", "ack/s", "pg before", "pg after", "pg mean",
            "ratio", "refused%", "lat p50/p99 ms", "vis p50/p99 ms", "CPU ms/cmd: cmd", "qry", "kafka", "mongo",
            "pg", "load", "machine CPU%");

    List<String> row() {
        Map<String, Double> ms = cpuMillisPerCommand();
        return List.of(scenario.name(), targetRate > 0 ? String.format(Locale.ROOT, "%.0f/s x%d", targetRate,
                        scenario.workers()) : "x" + scenario.workers(),
                f1(acknowledgedPerSecond()), f0(before.perSecond()), f0(after.perSecond()), f0(baselineMean()),
                String.format(Locale.ROOT, "%.4f", ratio()), String.format(Locale.ROOT, "%.2f", refusedPercent()),
                f0(p(latency, 50)) + "/" + f0(p(latency, 99)), f0(p(visibility, 50)) + "/" + f0(p(visibility, 99)),
                f1(allInstances(ms, "command-service")), f1(allInstances(ms, "query-service")), f1(ms.get("kafka")),
                f1(ms.get("mongo")), f1(ms.get("postgres")), f1(ms.get("load generator")),
                f0(100 * cpu.machineBusyShare()));
    }

    /** A service's figure summed over its instances (command-service, command-service-2, ...). */
    private static Double allInstances(Map<String, Double> figures, String service) {
        List<Double> values = figures.entrySet().stream()
                .filter(e -> e.getKey().equals(service) || e.getKey().startsWith(service + "-"))
                .map(Map.Entry::getValue).filter(java.util.Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    public static String table(List<ScenarioResult> results) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(HEAD);
        results.forEach(r -> rows.add(r.row()));
        int[] widths = new int[HEAD.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(i < 2 ? String.format("%-" + widths[i] + "s", cell)
                        : String.format("%" + widths[i] + "s", cell)).append(i + 1 < row.size() ? "  " : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void millis(Map<String, Object> f, String label, Histogram h) {
        f.put(label + " p50 (ms)", p(h, 50));
        f.put(label + " p95 (ms)", p(h, 95));
        f.put(label + " p99 (ms)", p(h, 99));
        f.put(label + " max (ms)", max(h));
    }

    static double p(Histogram h, double percentile) {
        return Timeline.percentileMillis(h, percentile);
    }

    private static double max(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    private static String f0(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
}
