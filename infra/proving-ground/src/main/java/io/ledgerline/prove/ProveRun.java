package io.ledgerline.prove;

import io.ledgerline.local.LocalStack;
import io.ledgerline.local.LocalStackConfig;
import io.ledgerline.local.Ports;
import io.ledgerline.prove.bench.MetricsSampler;
import io.ledgerline.prove.bench.Prometheus;
import io.ledgerline.prove.bench.RebuildBenchmark;
import io.ledgerline.prove.bench.VisibilityProbe;
import io.ledgerline.prove.check.CheckResult;
import io.ledgerline.prove.check.InvariantChecker;
import io.ledgerline.prove.check.QueryApi;
import io.ledgerline.prove.check.Quiescence;
import io.ledgerline.prove.check.Violation;
import io.ledgerline.prove.faults.FaultInjector;
import io.ledgerline.prove.faults.FaultSchedule;
import io.ledgerline.prove.faults.FaultSettings;
import io.ledgerline.prove.faults.TcpProxy;
import io.ledgerline.prove.report.Progress;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.suite.BenchmarkSuite;
import io.ledgerline.prove.suite.Scenario;
import io.ledgerline.prove.suite.SuiteSettings;
import io.ledgerline.prove.workload.Accounts;
import io.ledgerline.prove.workload.HttpCommands;
import io.ledgerline.prove.workload.KafkaCommands;
import io.ledgerline.prove.workload.LoadBalancer;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.postgres.LocalPostgres;
import io.ledgerline.testkit.postgres.PostgresProcess;
import io.ledgerline.testkit.process.ManagedProcess;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the proving ground, phase by phase: start the stack (the run-local launcher) in a fresh data folder,
 * set-up and the workload under faults (or, with --benchmark, the {@link BenchmarkSuite}), quiescence, invariant
 * check, rebuild (with --benchmark), report. {@link #run()} returns the result; {@link Prove} turns it into an exit code.
 */
public final class ProveRun {

    /** What a run produced. */
    public record Result(List<Violation> violations, CheckResult check, Path output) {

        public boolean passed() {
            return violations.isEmpty();
        }
    }

    private static final String QUERY_GROUP = "ledger-query";
    private static final Duration TOKEN_TTL = Duration.ofHours(12);
    /** A runaway each-once schedule must still end: the workload stops this long after --duration at the latest. */
    private static final Duration OVERRUN = Duration.ofMinutes(30);
    private static final Duration BALANCER_PROBES = Duration.ofMillis(500);

    private final ProveOptions options;
    private final Path repositoryRoot;
    private final PrintStream out;
    private final Timeline timeline = new Timeline();
    private final OperationLog log = new OperationLog();
    private final RunFigures figures;

    public ProveRun(ProveOptions options, Path repositoryRoot, PrintStream out) {
        this.options = options;
        this.repositoryRoot = repositoryRoot;
        this.out = out;
        this.figures = new RunFigures(options, timeline, log);
    }

    public Result run() throws Exception {
        Path output = options.output();
        Path data = output.resolve("data");
        Files.createDirectories(output);
        List<Violation> violations = new ArrayList<>();
        CheckResult check = null;
        Map<String, TcpProxy> proxies = new LinkedHashMap<>();
        try (Progress progress = new Progress(out, timeline, Duration.ofSeconds(5))) {
            progress.say("report folder " + output);
            progress.say("data folder " + data + " (component logs in " + data.resolve("logs") + ")");
            LocalStackConfig config = LocalStackConfig.of(repositoryRoot, data).withPorts(Ports.free())
                    .withClean(true).withClasspath(childClasspath()).withInstances(options.instances());
            config = withPrivateJars(config, output.resolve("jars"));
            if (options.faults().needsProxies()) {
                config = withProxies(config, proxies);
            }
            if (options.benchmark()) {
                // Far above what the workers can send: the benchmark measures the ledger, not the limiter.
                config = config.withCommandServiceProperty("ledgerline.web.rate-limit.burst",
                                Long.toString(SuiteSettings.RATE_LIMIT))
                        .withCommandServiceProperty("ledgerline.web.rate-limit.per-second",
                                Long.toString(SuiteSettings.RATE_LIMIT))
                        .withQueryServiceProperty("ledgerline.query.limits.roles.service.per-second",
                                Long.toString(SuiteSettings.RATE_LIMIT))
                        .withQueryServiceProperty("ledgerline.query.limits.roles.service.burst",
                                Long.toString(SuiteSettings.RATE_LIMIT))
                        .withQueryServiceProperty("ledgerline.query.limits.max-concurrent-waits",
                                Long.toString(SuiteSettings.RATE_LIMIT));
            }
            long phaseStart = System.nanoTime();
            progress.phase("start", () -> ""); // the launcher reports each component itself
            try (LocalStack stack = new LocalStack(config).start()) {
                timeline.phase("start", phaseStart, System.nanoTime());
                figures.startup(stack);
                check = prove(stack, config, proxies, progress, violations);
            } finally {
                proxies.values().forEach(TcpProxy::close);
            }
            figures.verdict(violations);
            RunFigures.write(output, figures.figures(), timeline, log, violations);
            out.println();
            out.print(figures.figures().text());
            out.println();
            out.println(violations.isEmpty() ? "PASSED: no invariant violation" : "FAILED: " + violations.size()
                    + " invariant violations (listed above and in " + output.resolve("report.json") + ")");
            out.println("report: " + output.resolve("summary.txt") + ", " + output.resolve("report.json") + ", "
                    + output.resolve("report.html"));
            if (violations.isEmpty() && !options.keepData()) {
                // Hundreds of MB of WAL, Kafka segments and jars that a passing run does not need any more.
                deleteRecursively(data);
                deleteRecursively(output.resolve("jars"));
            } else {
                out.println("data and component logs kept in " + data);
            }
        }
        return new Result(violations, check, output);
    }

    private CheckResult prove(LocalStack stack, LocalStackConfig config, Map<String, TcpProxy> proxies,
                              Progress progress, List<Violation> violations) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        String operator = stack.tokens().mint(TokenSpec.of("prove-operator", "operator", TOKEN_TTL));
        // The suite's warm-up and fill run 16 workers whatever scenarios were chosen.
        int principals = options.benchmark() ? Math.max(SuiteSettings.WARMUP_WORKERS, options.suite().scenarios()
                .stream().mapToInt(Scenario::workers).max().orElse(1)) : Math.max(1, options.workload().concurrency());
        List<String> workerTokens = new ArrayList<>();
        for (int w = 0; w < principals; w++) {
            // One principal per worker, as separate clients would be: the command rate limit is per principal.
            workerTokens.add(stack.tokens().mint(TokenSpec.of("prove-client-" + w, "service", TOKEN_TTL)));
        }
        Prometheus commandMetrics = new Prometheus(http, config.commandServiceUrls());
        Prometheus queryMetrics = new Prometheus(http, config.queryServiceUrls());
        Map<String, Object> kafka = config.kafkaClientProperties(KafkaUsers.ADMIN);

        try (MetricsSampler metrics = new MetricsSampler(commandMetrics, queryMetrics, timeline).start()) {
            if (options.benchmark()) {
                BenchmarkSuite.Result suite = new BenchmarkSuite(options.suite(), new BenchmarkSuite.Context(stack,
                        config, http, operator, workerTokens::get, options.workload(), timeline, log, metrics,
                        progress, options.output())).run();
                figures.suite(suite);
            } else {
                workload(stack, config, http, operator, workerTokens, metrics, proxies, progress, violations);
            }

            long start = System.nanoTime();
            Quiescence quiescence = new Quiescence(config.jdbcUrl(), LocalPostgres.USER, kafka, commandMetrics,
                    QUERY_GROUP);
            progress.phase("quiesce", () -> "");
            List<String> busy = quiescence.await(options.quiesceTimeout(), progress::say);
            timeline.phase("quiesce", start, System.nanoTime());
            figures.quiescence(Duration.ofNanos(System.nanoTime() - start), busy);

            start = System.nanoTime();
            progress.phase("check", () -> "reading the event store, the topics and every read model");
            QueryApi queries = new QueryApi(http, config.queryServiceUrl(), operator);
            InvariantChecker checker = new InvariantChecker(config.jdbcUrl(), LocalPostgres.USER, kafka, queries,
                    Duration.ofSeconds(60));
            CheckResult check = checker.check(log, busy, progress::say);
            violations.addAll(check.violations());
            timeline.phase("check", start, System.nanoTime());
            figures.check(check);
            check.violations().stream().limit(200).forEach(v -> progress.say("VIOLATION " + v));

            if (options.benchmark()) {
                start = System.nanoTime();
                progress.phase("rebuild", () -> "");
                RebuildBenchmark.Result rebuild = RebuildBenchmark.run(http, config.queryServiceUrl(), operator,
                        Duration.ofMinutes(30), progress::say);
                timeline.phase("rebuild", start, System.nanoTime());
                figures.rebuild(rebuild);
                progress.say(String.format(Locale.ROOT, "rebuild %s: %d events in %.1f s, %.0f events/s",
                        rebuild.state(), rebuild.eventsApplied(), rebuild.seconds(), rebuild.perSecond()));
                List<Violation> after = checker.checkReadModels();
                after.forEach(v -> {
                    violations.add(new Violation("read-models-after-rebuild", v.toString()));
                    progress.say("VIOLATION after rebuild " + v);
                });
                figures.put("rebuild", "read models equal the store after the switch", after.isEmpty());
            }
            progress.phase("stop", () -> "stopping the services, then Kafka, MongoDB-wire and PostgreSQL");
            return check;
        }
    }

    /** The drill's workload: set-up, then the seeded operations under faults, measured after the warm-up. */
    private void workload(LocalStack stack, LocalStackConfig config, HttpClient http, String operator,
                          List<String> workerTokens, MetricsSampler metrics, Map<String, TcpProxy> proxies,
                          Progress progress, List<Violation> violations) throws Exception {
        Accounts accounts = new Accounts(options.accounts(), options.skew(), options.workload().seed());
        // As behind a load balancer with health checks: a killed or frozen instance leaves the rotation.
        LoadBalancer commandInstances = LoadBalancer.healthChecked(config.commandServiceUrls(), BALANCER_PROBES,
                progress::say);
        LoadBalancer queryInstances = LoadBalancer.healthChecked(config.queryServiceUrls(), BALANCER_PROBES,
                progress::say);
        HttpCommands commands = new HttpCommands(commandInstances, options.workload().requestTimeout());
        VisibilityProbe visibility = new VisibilityProbe(queryInstances, operator, options.visibilitySampleEvery(),
                timeline);
        Workload.Listener listeners = (op, attempt) -> {
            timeline.attempted(op, attempt);
            visibility.attempted(op, attempt);
        };
        try (KafkaCommands topic = options.workload().viaKafka() > 0
                ? new KafkaCommands(config.kafkaClientProperties(LocalStackConfig.LOAD_PRODUCER), Duration.ofSeconds(30)) : null) {
            Workload workload = new Workload(options.workload(), accounts, commands, topic, workerTokens::get, log,
                    listeners);
            long start = System.nanoTime();
            progress.phase("set-up", () -> log.operations() + " of " + 2 * options.accounts() + " set-up operations");
            workload.setUp(Duration.ofMinutes(3));
            timeline.phase("set-up", start, System.nanoTime());

            Map<String, ManagedProcess> processes = new LinkedHashMap<>();
            stack.processes().forEach(p -> processes.put(p.name(), p));
            FaultSchedule schedule = new FaultSchedule(options.faults(), options.workload().seed());
            start = System.nanoTime();
            long warmup = options.warmup().toNanos();
            long begin = start + warmup;
            if (warmup == 0) {
                timeline.startMeasuring();
            } else {
                Thread measure = new Thread(() -> {
                    try {
                        Thread.sleep(options.warmup().toMillis());
                        timeline.startMeasuring();
                        progress.say("warm-up over: measuring from now on");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "prove-warmup");
                measure.setDaemon(true);
                measure.start();
            }
            try (FaultInjector faults = new FaultInjector(schedule, processes, proxies,
                    options.faults().proxyDelay(), timeline, progress::say)) {
                progress.phase("workload", () -> workloadLine(workload, metrics, faults));
                if (options.faults().mode() != FaultSettings.Mode.NONE) {
                    faults.start();
                }
                boolean eachOnce = options.faults().mode() == FaultSettings.Mode.EACH_ONCE;
                long duration = options.workload().duration().toNanos();
                long limit = begin + duration + OVERRUN.toNanos();
                workload.run(() -> {
                    long now = System.nanoTime();
                    boolean wanted = options.workload().operations() > 0 || now - begin < duration;
                    // (begin is after the warm-up: the measured part lasts --duration)
                    return now < limit && (wanted || (eachOnce && !faults.isDone()));
                });
                timeline.stopMeasuring();
                timeline.phase("workload", start, System.nanoTime());
                if (faults.current() != null) {
                    progress.say("waiting for the fault in progress (" + faults.current() + ") to recover");
                }
                faults.close();
                figures.faults(faults);
                figures.instances(faults, metrics.work());
                faults.errors().forEach(e -> violations.add(new Violation("fault-recovery", e)));
            }
            visibility.close();
            commandInstances.close();
            queryInstances.close();
            figures.workload(workload, visibility);
        }
    }

    private String workloadLine(Workload workload, MetricsSampler metrics, FaultInjector faults) {
        Timeline.SecondView recent = timeline.recent(5);
        String fault = faults.current();
        return String.format(Locale.ROOT, "%d ops, %.0f answered/s (p50 %.0f ms, p99 %.0f ms), unknown %d,"
                        + " publication lag %s, consumer lag %s%s", workload.issued(),
                (recent.ok() + recent.rejected()) / 5.0, recent.p50Millis(), recent.p99Millis(),
                log.attempts(Outcome.UNKNOWN), gauge(metrics, MetricsSampler.PUBLICATION_LAG),
                gauge(metrics, MetricsSampler.CONSUMER_LAG), fault == null ? "" : ", fault: " + fault);
    }

    private static String gauge(MetricsSampler metrics, String name) {
        Double value = metrics.latest(name);
        return value == null ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    /**
     * Puts a proxy between the services and PostgreSQL, and between the services and Kafka: the broker gets a
     * second listener advertised at the proxy's port, so the services' Kafka clients come back through the proxy
     * after bootstrap while the checker and the launcher's health checks use the plain listener.
     */
    private LocalStackConfig withProxies(LocalStackConfig config, Map<String, TcpProxy> proxies) throws IOException {
        int[] ports = Ports.freePorts(3);
        int brokerProxied = ports[0];
        TcpProxy pg = new TcpProxy("postgres-proxy", ports[1], config.ports().postgres());
        TcpProxy kafka = new TcpProxy("kafka-proxy", ports[2], brokerProxied);
        proxies.put(pg.name(), pg);
        proxies.put(kafka.name(), kafka);
        String viaKafkaProxy = "127.0.0.1:" + kafka.port();
        return config.withKafkaProxiedListener(brokerProxied, kafka.port())
                .withCommandServiceProperty("spring.datasource.url", PostgresProcess.jdbcUrl(pg.port()))
                .withCommandServiceProperty("spring.kafka.bootstrap-servers", viaKafkaProxy)
                .withQueryServiceProperty("spring.kafka.bootstrap-servers", viaKafkaProxy);
    }

    /**
     * Runs copies of the service jars: a restart mid-drill must start the same code, and a rebuild of the jars
     * meanwhile (another engineer's build on a shared machine) must not pull the jar from under a running JVM,
     * whose class loader reads it lazily.
     */
    private static LocalStackConfig withPrivateJars(LocalStackConfig config, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path command = folder.resolve("command-service-exec.jar");
        Path query = folder.resolve("query-service-exec.jar");
        for (Path[] copy : new Path[][] {{config.commandServiceJar(), command}, {config.queryServiceJar(), query}}) {
            if (!Files.isRegularFile(copy[0])) {
                throw new IllegalStateException("no service jar at " + copy[0] + "; build it with ./mvnw -DskipTests"
                        + " package -pl command-service,query-service -am (infra/prove does this for you)");
            }
            Files.copy(copy[0], copy[1], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return config.withServiceJars(command, query);
    }

    /**
     * The class path handed to the Kafka, MongoDB-wire and reaper JVMs: this JVM's, less the service jars that a
     * test class path may hold only to order the reactor build.
     */
    private static String childClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("-exec.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
