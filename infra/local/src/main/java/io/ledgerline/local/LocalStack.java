package io.ledgerline.local;

import io.ledgerline.testkit.kafka.KafkaBroker;
import io.ledgerline.testkit.mongo.MongoProcess;
import io.ledgerline.testkit.postgres.PostgresProcess;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.ManagedProcess;
import io.ledgerline.testkit.process.PidFile;
import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.process.Reaper;
import io.ledgerline.testkit.process.SupervisedProcess;
import io.ledgerline.testkit.process.Supervisor;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, each component its own OS process: PostgreSQL, a KRaft Kafka broker, the
 * MongoDB-wire server, command-service and query-service, plus the JWKS endpoint the services trust. Used by
 * {@code infra/run-local} and by the fault drills, which reach each component through its
 * {@link ManagedProcess} handle.
 *
 * <pre>{@code
 * try (LocalStack stack = new LocalStack(LocalStackConfig.of(repoRoot, dataDir)).start()) {
 *     stack.kafka().kill(Signal.KILL);
 *     stack.kafka().restart();
 * }
 * }</pre>
 *
 * <p>Nothing outlives it: {@link #close()} (also run by a JVM shutdown hook on Ctrl-C or SIGTERM) stops the
 * services first, then Kafka, MongoDB-wire and PostgreSQL; a reaper process does the same if this JVM is killed
 * outright, and the next start stops anything an earlier run left behind.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackConfig config;
    private final DataFolder folder;
    private final ProcessContext context;
    private final PostgresProcess postgres;
    private final ChildProcess kafka;
    private final ChildProcess mongo;
    private final List<ChildProcess> services = new ArrayList<>();
    private final Object lifecycle = new Object();
    private final Thread shutdownHook = new Thread(this::close, "ledgerline-local-shutdown");

    private volatile boolean closing;
    private volatile Thread starter;
    private boolean closed;
    private Closeable folderLock;
    private Process reaper;
    private LocalTokens tokens;
    private JwksServer jwks;
    private Supervisor supervisor;
    private Duration startupTime;

    public LocalStack(LocalStackConfig config) {
        this.config = config;
        this.folder = config.folder();
        this.context = new ProcessContext(folder.logs(), folder.run(), config.classpath(), config.startTimeout());
        this.postgres = new PostgresProcess(folder.postgres(), config.ports().postgres(), context);
        this.kafka = KafkaBroker.process(new KafkaBroker.Settings(folder.kafka(), config.ports().kafka(),
                config.ports().kafkaController(), config.heaps().kafka(), config.kafkaProxiedListener(),
                config.kafkaUsers()), context);
        this.mongo = MongoProcess.process(folder.mongoFile(), config.ports().mongo(), config.heaps().mongo(), context);
        if (config.startServices()) {
            for (int n = 1; n <= config.instances().commandServices(); n++) {
                services.add(LocalServices.commandService(config, context, n));
            }
            for (int n = 1; n <= config.instances().queryServices(); n++) {
                services.add(LocalServices.queryService(config, context, n));
            }
        }
    }

    /**
     * Starts everything and waits until each component is healthy: the infrastructure side by side, then both
     * services. On failure it stops what it started and throws, with the end of the failing component's log.
     */
    public LocalStack start() {
        synchronized (lifecycle) {
            if (closing || closed) {
                throw new IllegalStateException("this stack was closed; create a new one");
            }
            if (startupTime != null) {
                throw new IllegalStateException("this stack is already running");
            }
            starter = Thread.currentThread();
            long begin = System.nanoTime();
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            try {
                folder.claim();
                folderLock = folder.lock();
                stopLeftovers();
                if (config.clean()) {
                    log.info("wiping {}", folder.root());
                    folder.wipe();
                }
                folder.prepare();
                DeploymentSecrets.ensureCursorKey(folder.secrets());
                requireFreePorts();
                reaper = startReaper();
                tokens = LocalTokens.loadOrCreate(folder.signingKeys());
                jwks = JwksServer.start(tokens.publicJwkSet(), config.ports().jwks());

                step(mongo::start);
                step(kafka::start);
                step(postgres::start);
                step(postgres::waitHealthy);
                step(mongo::waitHealthy);
                step(kafka::waitHealthy);
                step(() -> config.kafkaUsers().provision(config.kafkaBootstrapServers(), config.kafkaProducers()));
                services.forEach(service -> step(service::start));
                services.forEach(service -> step(service::waitHealthy));

                supervisor = new Supervisor(supervised());
                startupTime = Duration.ofNanos(System.nanoTime() - begin);
                log.info("local stack is up after {} s", startupTime.toMillis() / 1000.0);
                return this;
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    close(); // a shutdown in progress closes the stack itself once this start gave up
                }
                throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start", e);
            } finally {
                starter = null;
            }
        }
    }

    public LocalStackConfig config() {
        return config;
    }

    public ManagedProcess postgres() {
        return postgres;
    }

    public ManagedProcess kafka() {
        return kafka;
    }

    public ManagedProcess mongo() {
        return mongo;
    }

    /** The first command-service instance. */
    public ManagedProcess commandService() {
        return service(LocalServices.COMMAND_SERVICE);
    }

    /** The first query-service instance. */
    public ManagedProcess queryService() {
        return service(LocalServices.QUERY_SERVICE);
    }

    /** Every command-service instance, the first one first. */
    public List<ManagedProcess> commandServices() {
        return instancesOf(LocalServices.COMMAND_SERVICE);
    }

    /** Every query-service instance, the first one first. */
    public List<ManagedProcess> queryServices() {
        return instancesOf(LocalServices.QUERY_SERVICE);
    }

    /** Every component, in start order. */
    public List<ManagedProcess> processes() {
        return List.copyOf(supervised());
    }

    /** The signing keys the services trust (through the JWKS endpoint): mint tokens for any role with it. */
    public LocalTokens tokens() {
        if (tokens == null) {
            throw new IllegalStateException("the stack has not been started");
        }
        return tokens;
    }

    /** From {@link #start()} until every component was healthy; null before. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Per component, from its launch until its first healthy probe (the last (re)start). */
    public Map<String, Duration> componentStartupTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        supervised().stream().filter(p -> p.lastStartupTime() != null)
                .forEach(p -> times.put(p.name(), p.lastStartupTime()));
        return times;
    }

    /**
     * Stops the services (in parallel, SIGTERM then SIGKILL after 20 s), then Kafka, MongoDB-wire, PostgreSQL and
     * the JWKS server. Safe to call more than once and from any thread; a start in progress is interrupted.
     */
    @Override
    public void close() {
        closing = true;
        Thread starting = starter;
        if (starting != null && starting != Thread.currentThread()) {
            starting.interrupt();
        }
        synchronized (lifecycle) {
            stopEverything();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never started: the hook has nothing left to do either way
            }
        }
    }

    private void stopEverything() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        if (supervisor != null) {
            supervisor.close();
        }
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> quietly(service::stop)))
                .toArray(CompletableFuture[]::new)).join();
        quietly(kafka::stop);
        quietly(mongo::stop);
        quietly(postgres::stop);
        if (jwks != null) {
            jwks.close();
        }
        if (reaper != null) {
            reaper.destroy();
            quietly(() -> {
                try {
                    reaper.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (folderLock != null) {
            quietly(() -> {
                try {
                    folderLock.close();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        log.info("local stack stopped after {} s", (System.nanoTime() - begin) / 1_000_000 / 1000.0);
    }

    /** A previous launcher that died without stopping its processes left pid files (and maybe a postmaster). */
    private void stopLeftovers() {
        for (String name : stopOrder()) {
            PidFile pidFile = context.pidFile(name);
            pidFile.running().ifPresent(leftover -> {
                log.warn("stopping {} (pid {}) left running by an earlier run", name, leftover.process().pid());
                leftover.stop();
            });
            pidFile.delete();
        }
        postgres.stopLeftovers();
    }

    private void requireFreePorts() {
        List<String> busy = new ArrayList<>();
        Map<Integer, String> owners = new LinkedHashMap<>();
        config.ports().byComponent().forEach((component, port) -> {
            boolean needed = config.startServices() || !component.endsWith("-service");
            if (needed && !Ports.isFree(port)) {
                busy.add(component + " port " + port + " (" + Ports.environmentVariable(component) + ")");
            }
            owners.put(port, component);
        });
        if (config.startServices()) {
            Map<String, Integer> extra = new LinkedHashMap<>();
            for (int n = 2; n <= config.instances().commandServices(); n++) {
                extra.put(LocalServices.instanceName(LocalServices.COMMAND_SERVICE, n), config.commandServicePort(n));
            }
            for (int n = 2; n <= config.instances().queryServices(); n++) {
                extra.put(LocalServices.instanceName(LocalServices.QUERY_SERVICE, n), config.queryServicePort(n));
            }
            extra.forEach((instance, port) -> {
                String owner = owners.putIfAbsent(port, instance);
                if (owner != null) {
                    throw new IllegalArgumentException(instance + " would listen on " + port + ", the port of "
                            + owner + "; choose ports further apart (instances are 10 apart)");
                }
                if (!Ports.isFree(port)) {
                    busy.add(instance + " port " + port);
                }
            });
        }
        if (config.kafkaProxiedListener() != null && !Ports.isFree(config.kafkaProxiedListener().port())) {
            busy.add("kafka proxied listener port " + config.kafkaProxiedListener().port());
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports in use by another program: " + String.join(", ", busy)
                    + ". Stop that program or choose other ports with the environment variables named.");
        }
    }

    private Process startReaper() throws IOException {
        return new ProcessBuilder(Reaper.command(context, stopOrder()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(context.logFile("reaper").toFile()))
                .start();
    }

    /** Every process name a stack in this folder may have run, services first (up to the most instances). */
    private List<String> stopOrder() {
        List<String> names = new ArrayList<>(LocalServices.instanceNames(LocalServices.COMMAND_SERVICE,
                LocalStackConfig.Instances.MAX));
        names.addAll(LocalServices.instanceNames(LocalServices.QUERY_SERVICE, LocalStackConfig.Instances.MAX));
        names.addAll(List.of(KafkaBroker.NAME, MongoProcess.NAME, PostgresProcess.NAME));
        return names;
    }

    private List<SupervisedProcess> supervised() {
        List<SupervisedProcess> all = new ArrayList<>(List.of(postgres, kafka, mongo));
        all.addAll(services);
        return all;
    }

    private List<ManagedProcess> instancesOf(String service) {
        if (services.isEmpty()) {
            throw new IllegalStateException("this stack runs without services");
        }
        return services.stream().filter(s -> LocalServices.serviceOf(s.name()).equals(service))
                .<ManagedProcess>map(s -> s).toList();
    }

    private ManagedProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("this stack runs without services"));
    }

    /** Runs one start-up step unless a shutdown began meanwhile. */
    private void step(Runnable action) {
        if (closing) {
            throw new IllegalStateException("start-up cancelled by shutdown");
        }
        action.run();
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("while stopping: {}", e.toString());
        }
    }
}
