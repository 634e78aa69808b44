package io.ledgerline.prove;

import io.ledgerline.local.LocalServices;
import io.ledgerline.local.LocalStackConfig;
import io.ledgerline.prove.faults.Fault;
import io.ledgerline.prove.faults.FaultSettings;
import io.ledgerline.prove.suite.Scenario;
import io.ledgerline.prove.suite.SuiteSettings;
import io.ledgerline.prove.workload.HttpCommands;
import io.ledgerline.prove.workload.Mix;
import io.ledgerline.prove.workload.WorkloadSettings;
import io.ledgerline.testkit.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The command line of {@code infra/prove}, parsed and checked. */
public record ProveOptions(WorkloadSettings workload, int accounts, double skew, FaultSettings faults,
                           boolean benchmark, SuiteSettings suite, Duration warmup, Path output,
                           Duration quiesceTimeout, int visibilitySampleEvery, boolean keepData, boolean help,
                           LocalStackConfig.Instances instances) {

    /** Options that shape the workload, which the benchmark suite pins (see SuiteSettings). */
    private static final Set<String> PINNED_BY_BENCHMARK = Set.of("--operations", "--concurrency", "--rate", "--mix",
            "--accounts", "--zipf", "--retry", "--via-kafka", "--faults", "--visibility-every");

    public static final String USAGE = """
            usage: infra/prove [options]

            Starts the whole system as separate processes (the infra/run-local launcher) in a fresh data folder,
            runs a seeded bank workload with faults, waits until the system is at rest, checks every invariant
            (event store, event topics from offset 0, every read model) and writes a report. Exit code 0: no
            violation; 1: violations (printed with their ids); 2: bad options or the system could not run.

            workload
              --seed N                 random seed of workload and fault schedule (default 42)
              --duration 60s           how long the measured workload runs; with --benchmark, each
                                       scenario's measured window (default 60s)
              --operations N           stop after N operations instead (0 = use --duration)
              --concurrency N          closed-loop workers (default 8)
              --rate N                 target operations/s over all workers instead of a closed loop (default 0)
              --mix deposit=30,withdraw=20,transfer=50
                                       relative weights of the operation kinds
              --accounts N             accounts opened and seeded before the workload (default 50)
              --zipf S                 Zipf skew of the account choice, 0 = uniform (default 1.1)
              --retry P                probability an operation is sent again with the same ids (default 0.1)
              --via-kafka F            share (0..1, or "all") of operations sent over ledger.commands.v1 (default 0)

            system
              --instances C,Q          C command-service and Q query-service processes on the shared PostgreSQL,
                                       Kafka and MongoDB-wire (default 1,1); HTTP commands and reads go round-robin
                                       over the instances in rotation, as behind a load balancer with health
                                       checks (readiness every 0.5 s, and out on a failed request); each instance
                                       is a fault target of its own, and the report says what each processed and
                                       how long the others took to take over its segments and partitions

            faults
              --faults none|each-once|random
                                       none; every kind on every target once (kills first); or random draws
                                       (default none)
              --fault-interval 20s     quiet time between faults (random: mean, jittered +-50%)
              --fault-targets LIST     processes, comma-separated (default all):
                                       command-service,query-service,kafka,postgres,mongo; with --instances,
                                       command-service means each of its instances (command-service,
                                       command-service-2, ...), or name one instance
              --fault-kinds LIST       kill,pause,delay,cut (default all; delay/cut use the TCP proxies between the
                                       services and kafka/postgres)
              --pause 50s              SIGSTOP length: longer than the services' 6 s Kafka consumer session
                                       timeout, Axon's 10 s token claim timeout, the broker's 4 s session and
                                       Hikari's 5 s timeout
              --proxy-delay 300ms      added per forwarded chunk during a delay fault
              --proxy-fault 15s        how long a delay or cut lasts
              With each-once the workload runs until every fault has been injected, even past --duration.

            benchmark suite (--benchmark; see infra/proving-ground/README.md)
              --benchmark              one stack; a warm-up (deposits/withdrawals at 16 workers until the
                                       acknowledged rate of the last three 10 s windows lies within +-5 % of
                                       their mean); then each scenario: raw PostgreSQL baseline, settle,
                                       measured window (--duration), drain, baseline again; then a fill up to
                                       --rebuild-events events, quiescence, the invariant check, a projection
                                       rebuild from offset 0 and the read models checked again. The workload is
                                       pinned: 200 accounts, uniform choice, balanced amounts of 1-1000 on a
                                       first deposit of 1 000 000, no deliberate retries, no cross-currency
                                       transfers, visibility probed on one acknowledged command in five, the
                                       command-service's per-principal rate limit raised; so --concurrency,
                                       --rate, --mix, --accounts, --zipf, --retry, --via-kafka, --operations,
                                       --faults and --visibility-every are refused with it
              --scenarios LIST         all (default) or some of: dw16,dw64,mixed16,mixed64,dw-half,mixed-half,
                                       idle,idem16,async16,kafka16 (a -half scenario needs a closed-loop one of
                                       its workload: dw16/dw64, mixed16/mixed64)
              --settle 10s             unmeasured load before each window
              --warmup 60s             minimum warm-up (without --benchmark: a fixed, unmeasured warm-up;
                                       default 0)
              --warmup-max 240s        the warm-up ends here even if throughput is not stable (said so)
              --baseline 10s           length of each raw PostgreSQL baseline (before and after each window)
              --rebuild-events N       events the store must hold before the rebuild (default 100000; a fill
                                       phase of deposits/withdrawals at 16 workers adds what is missing; 0: none)
              --profile                async-profiler (itimer) in every stack JVM and this one, for each measured
                                       window only: profiles/<scenario>/<process>.collapsed and
                                       profiles/summary.txt (CPU by category)
              --profile-interval 10ms  its sampling interval

            output
              --output DIR             report folder (default target/prove/<UTC time> under the repository);
                                       the stack's data folder is DIR/data, its logs DIR/data/logs
              --quiesce-timeout 120s   how long the system may make no progress towards rest (transfers in
                                       flight, processor and consumer lag) before the check starts anyway and
                                       fails; while the backlog shrinks it may drain for up to 30 min
              --visibility-every N     probe visibility lag for one acknowledged operation in N (default 5)
              --keep-data              keep DIR/data (and the jar copies) after a passing run too; a failing run
                                       always keeps them for the post-mortem
              --no-build               (infra/prove itself) use the jars and classes as they are, no build check
              --help

            examples
              infra/prove --duration 30s                                  a quick look, no faults
              infra/prove --faults each-once --duration 60s               every fault once, under load
              infra/prove --faults random --fault-kinds kill --fault-interval 15s --duration 5m --seed 7
              infra/prove --benchmark                                     the suite of docs/benchmarks.md
              infra/prove --benchmark --scenarios dw16,mixed16 --duration 30s --rebuild-events 0   a quick look
            """;

    /** The options as picocli reads them (the conventions of {@link Cli}); combinations are checked in parse. */
    @CommandLine.Command(name = "infra/prove")
    static final class Spec {
        @CommandLine.Option(names = {"-h", "--help"}, arity = "0") boolean help;
        @CommandLine.Option(names = "--seed") long seed = 42;
        @CommandLine.Option(names = "--duration") Duration duration = Duration.ofSeconds(60);
        @CommandLine.Option(names = "--operations") long operations;
        @CommandLine.Option(names = "--concurrency") int concurrency = 8;
        @CommandLine.Option(names = "--rate") double rate;
        @CommandLine.Option(names = "--mix") String mix;
        @CommandLine.Option(names = "--accounts") int accounts = 50;
        @CommandLine.Option(names = "--zipf") double skew = 1.1;
        @CommandLine.Option(names = "--retry") double retry = 0.1;
        @CommandLine.Option(names = "--via-kafka") String viaKafka = "0";
        @CommandLine.Option(names = "--instances") String instances;
        @CommandLine.Option(names = "--faults") String faults;
        @CommandLine.Option(names = "--fault-interval") Duration faultInterval = Duration.ofSeconds(20);
        @CommandLine.Option(names = "--fault-targets") String faultTargets;
        @CommandLine.Option(names = "--fault-kinds") String faultKinds;
        @CommandLine.Option(names = "--pause") Duration pause = Duration.ofSeconds(50);
        @CommandLine.Option(names = "--proxy-delay") Duration proxyDelay = Duration.ofMillis(300);
        @CommandLine.Option(names = "--proxy-fault") Duration proxyFault = Duration.ofSeconds(15);
        @CommandLine.Option(names = "--benchmark", arity = "0") boolean benchmark;
        @CommandLine.Option(names = "--scenarios") String scenarios;
        @CommandLine.Option(names = "--settle") Duration settle = Duration.ofSeconds(10);
        @CommandLine.Option(names = "--warmup") Duration warmup;
        @CommandLine.Option(names = "--warmup-max") Duration warmupMax = Duration.ofSeconds(240);
        @CommandLine.Option(names = "--baseline") Duration baseline = Duration.ofSeconds(10);
        @CommandLine.Option(names = "--rebuild-events") long rebuildEvents = 100_000;
        @CommandLine.Option(names = "--profile", arity = "0") boolean profile;
        @CommandLine.Option(names = "--profile-interval") Duration profileInterval = Duration.ofMillis(10);
        @CommandLine.Option(names = "--output") Path output;
        @CommandLine.Option(names = "--quiesce-timeout") Duration quiesce = Duration.ofSeconds(120);
        @CommandLine.Option(names = "--visibility-every") int visibilityEvery = 5;
        @CommandLine.Option(names = "--keep-data", arity = "0") boolean keepData;
    }

    public static ProveOptions parse(List<String> args, Path repositoryRoot) {
        Spec spec = new Spec();
        CommandLine.ParseResult parsed = Cli.parse(spec, args);
        Set<String> given = parsed.matchedOptions().stream().map(CommandLine.Model.OptionSpec::longestName)
                .collect(Collectors.toSet());
        long seed = spec.seed;
        Duration duration = spec.duration;
        long operations = atLeast("--operations", spec.operations, 0);
        int concurrency = (int) atLeast("--concurrency", spec.concurrency, 1);
        double rate = spec.rate;
        Mix mix = spec.mix == null ? Mix.DEFAULT : Mix.parse(spec.mix);
        int accounts = (int) atLeast("--accounts", spec.accounts, 2);
        double skew = spec.skew;
        double retry = share("--retry", spec.retry);
        double viaKafka = spec.viaKafka.equals("all") ? 1 : share("--via-kafka", spec.viaKafka);
        FaultSettings.Mode mode = spec.faults == null ? FaultSettings.Mode.NONE : FaultSettings.Mode.parse(spec.faults);
        Duration interval = spec.faultInterval;
        List<String> targets;
        Set<Fault.Kind> kinds = spec.faultKinds == null ? EnumSet.allOf(Fault.Kind.class) : kinds(spec.faultKinds);
        Duration pause = spec.pause;
        Duration proxyDelay = spec.proxyDelay;
        Duration proxyFault = spec.proxyFault;
        boolean benchmark = spec.benchmark;
        Duration baseline = spec.baseline;
        Duration warmup = spec.warmup;
        Duration warmupMax = spec.warmupMax;
        Duration settle = spec.settle;
        List<Scenario> scenarios = spec.scenarios == null ? Scenario.ALL : Scenario.parse(spec.scenarios);
        boolean profile = spec.profile;
        Duration profileInterval = spec.profileInterval;
        long rebuildEvents = atLeast("--rebuild-events", spec.rebuildEvents, 0);
        Path output = spec.output;
        Duration quiesce = spec.quiesce;
        int visibilityEvery = (int) atLeast("--visibility-every", spec.visibilityEvery, 1);
        boolean keepData = spec.keepData;
        boolean help = spec.help;
        LocalStackConfig.Instances instances = spec.instances == null ? LocalStackConfig.Instances.ONE_EACH
                : LocalStackConfig.Instances.parse(spec.instances);
        String targetList = spec.faultTargets;
        if (benchmark) {
            List<String> pinned = given.stream().filter(PINNED_BY_BENCHMARK::contains).sorted().toList();
            if (!pinned.isEmpty()) {
                throw new IllegalArgumentException("--benchmark pins the workload; drop " + String.join(", ", pinned));
            }
        } else {
            List<String> suiteOnly = given.stream().filter(List.of("--scenarios", "--settle", "--warmup-max",
                    "--baseline", "--rebuild-events", "--profile-interval")::contains).sorted().toList();
            if (!suiteOnly.isEmpty() || profile) {
                throw new IllegalArgumentException((profile ? "--profile" : String.join(", ", suiteOnly))
                        + " belong(s) to the benchmark suite: add --benchmark");
            }
        }
        if (profileInterval.toNanos() < 100_000) {
            throw new IllegalArgumentException("--profile-interval must be at least 100us");
        }
        WorkloadSettings workload;
        if (benchmark) {
            accounts = SuiteSettings.ACCOUNTS;
            skew = SuiteSettings.SKEW;
            workload = new WorkloadSettings(seed, SuiteSettings.WARMUP_WORKERS, 0, duration,
                    0, Scenario.Workload.DEPOSIT_WITHDRAW.mix(),
                    SuiteSettings.RETRY, 0,
                    SuiteSettings.SEED_DEPOSIT, Duration.ofSeconds(10),
                    WorkloadSettings.Amounts.BALANCED, 0, HttpCommands.Style.PLAIN);
        } else {
            workload = new WorkloadSettings(seed, concurrency, rate, duration, operations, mix, retry, viaKafka, 50_000,
                    Duration.ofSeconds(10), WorkloadSettings.Amounts.DRILL, WorkloadSettings.DRILL_CROSS_CURRENCY_SHARE,
                    HttpCommands.Style.PLAIN);
        }
        targets = targets(targetList == null ? String.join(",", FaultSettings.PROCESSES) : targetList, instances);
        FaultSettings faults = new FaultSettings(mode, interval, targets, kinds, pause, proxyDelay, proxyFault);
        if (warmup == null) {
            warmup = benchmark ? Duration.ofSeconds(60) : Duration.ZERO;
        }
        SuiteSettings suite = new SuiteSettings(scenarios,
                duration, settle, warmup, warmupMax, baseline, profile, profileInterval, rebuildEvents);
        if (output == null) {
            output = repositoryRoot.resolve("target/prove/" + java.time.format.DateTimeFormatter
                    .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
        }
        return new ProveOptions(workload, accounts, skew, faults, benchmark, suite, warmup,
                output.toAbsolutePath().normalize(), quiesce, visibilityEvery, keepData, help, instances);
    }

    /** The processes to fault: a service stands for each of its instances; one instance may be named alone. */
    private static List<String> targets(String text, LocalStackConfig.Instances instances) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (String process : FaultSettings.PROCESSES) {
            known.put(process, List.of(process));
        }
        known.put(LocalServices.COMMAND_SERVICE, LocalServices.instanceNames(LocalServices.COMMAND_SERVICE,
                instances.commandServices()));
        known.put(LocalServices.QUERY_SERVICE, LocalServices.instanceNames(LocalServices.QUERY_SERVICE,
                instances.queryServices()));
        for (String service : List.of(LocalServices.COMMAND_SERVICE, LocalServices.QUERY_SERVICE)) {
            for (String instance : known.get(service)) {
                known.putIfAbsent(instance, List.of(instance));
            }
        }
        Set<String> targets = new java.util.LinkedHashSet<>();
        for (String t : text.split(",")) {
            String target = t.trim();
            if (!known.containsKey(target)) {
                throw new IllegalArgumentException("unknown fault target " + target + "; choose from "
                        + known.keySet());
            }
            targets.addAll(known.get(target));
        }
        return List.copyOf(targets);
    }

    private static Set<Fault.Kind> kinds(String text) {
        Set<Fault.Kind> kinds = EnumSet.noneOf(Fault.Kind.class);
        for (String k : text.split(",")) {
            try {
                kinds.add(Fault.Kind.valueOf(k.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault kind " + k + "; choose from "
                        + Arrays.stream(Fault.Kind.values()).map(Fault.Kind::label).toList());
            }
        }
        return kinds;
    }

    private static double share(String name, String value) {
        try {
            return share(name, Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1, not '" + value + "'");
        }
    }

    private static double share(String name, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
        return share;
    }

    private static long atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum);
        }
        return value;
    }
}
