package io.ledgerline.local;

import io.ledgerline.testkit.kafka.KafkaBroker;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.postgres.PostgresProcess;
import io.ledgerline.testkit.tokens.JwksServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalStack} runs. Start from {@link #of} and change what a run needs with the withers.
 *
 * @param dataDirectory           everything the stack keeps (see {@link DataFolder})
 * @param clean                   wipe the data folder before starting
 * @param startServices           false runs only the infrastructure (PostgreSQL, Kafka, MongoDB-wire, JWKS)
 * @param commandServiceProperties extra {@code --key=value} arguments for the command-service
 * @param queryServiceProperties  extra {@code --key=value} arguments for the query-service
 * @param serviceEnvironment      extra environment variables for both services
 * @param classpath               class path of the Kafka, MongoDB-wire and reaper JVMs: this module and its
 *                                runtime dependencies
 * @param startTimeout            how long each component may take to become healthy
 * @param kafkaProxiedListener    null, or a second broker listener advertised at a proxy's port (fault drills)
 * @param kafkaProducers          the command producers: each a Kafka user with its own topics and ACLs, and an
 *                                entry of command-service's {@code ledgerline.intake.producers}
 * @param instances               how many processes of each service run side by side (see {@link Instances})
 */
public record LocalStackConfig(Path dataDirectory, Ports ports, boolean clean, boolean startServices,
                               Path commandServiceJar, Path queryServiceJar, Heaps heaps,
                               Map<String, String> commandServiceProperties,
                               Map<String, String> queryServiceProperties,
                               Map<String, String> serviceEnvironment, String classpath, Duration startTimeout,
                               KafkaBroker.ProxiedListener kafkaProxiedListener,
                               List<KafkaUsers.Producer> kafkaProducers, Instances instances) {

    /** {@code send-command}'s producer, and the proving ground's load generator's; both with the service role. */
    public static final String CLI_PRODUCER = io.ledgerline.local.tools.CommandSender.PRODUCER;
    public static final String LOAD_PRODUCER = "ledger-load";
    static final List<KafkaUsers.Producer> DEFAULT_PRODUCERS = List.of(
            new KafkaUsers.Producer(CLI_PRODUCER, "service", null),
            new KafkaUsers.Producer(LOAD_PRODUCER, "service", null));

    /** Maximum heap of each kind of JVM, as for {@code -Xmx}. */
    public record Heaps(String kafka, String mongo, String services) {

        public static final Heaps DEFAULTS = new Heaps("512m", "512m", "256m");

        public Heaps {
            for (String heap : new String[] {kafka, mongo, services}) {
                if (heap == null || !heap.matches("\\d+[kKmMgG]?")) {
                    throw new IllegalArgumentException("not a heap size for -Xmx: " + heap);
                }
            }
        }
    }

    /**
     * How many command-service and query-service processes run side by side on the shared PostgreSQL, Kafka and
     * MongoDB-wire store. Instance {@code n} (from 1) of a service listens on its port from {@link Ports} plus
     * {@code 10 × (n − 1)}: 8081, 8091, 8101 … for the command-service and 8082, 8092 … for the query-service.
     */
    public record Instances(int commandServices, int queryServices) {

        public static final Instances ONE_EACH = new Instances(1, 1);
        /** More would not fit two cores; the port scheme leaves room for nine. */
        public static final int MAX = 4;
        static final int PORT_STEP = 10;

        public Instances {
            if (commandServices < 1 || commandServices > MAX || queryServices < 1 || queryServices > MAX) {
                throw new IllegalArgumentException("instances of each service: 1 to " + MAX + ", not "
                        + commandServices + "," + queryServices);
            }
        }

        /** {@code C,Q}, e.g. {@code 2,2}. */
        public static Instances parse(String text) {
            String[] parts = text.trim().split("\\s*,\\s*");
            try {
                if (parts.length == 2) {
                    return new Instances(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (IllegalArgumentException e) {
                // not numbers, or out of range: reported below
            }
            throw new IllegalArgumentException("--instances takes C,Q (command-service and query-service "
                    + "processes, each 1 to " + MAX + "), e.g. 2,2; not '" + text + "'");
        }

        /** The port of instance {@code n} (from 1) of a service whose first instance listens on {@code first}. */
        static int port(int first, int n) {
            return first + PORT_STEP * (n - 1);
        }
    }

    public LocalStackConfig {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(heaps, "heaps");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startServices) {
            Objects.requireNonNull(commandServiceJar, "commandServiceJar");
            Objects.requireNonNull(queryServiceJar, "queryServiceJar");
        }
        commandServiceProperties = ordered(commandServiceProperties);
        queryServiceProperties = ordered(queryServiceProperties);
        serviceEnvironment = ordered(serviceEnvironment);
        kafkaProducers = List.copyOf(kafkaProducers == null ? DEFAULT_PRODUCERS : kafkaProducers);
        instances = instances == null ? Instances.ONE_EACH : instances;
    }

    /**
     * Default ports, the services' jars where the reactor build leaves them under {@code repositoryRoot}, and this
     * JVM's class path for the infrastructure JVMs (it holds this module and its dependencies wherever this code
     * runs: the launcher, a test, a drill).
     */
    public static LocalStackConfig of(Path repositoryRoot, Path dataDirectory) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        return new LocalStackConfig(dataDirectory, Ports.DEFAULTS, false, true,
                root.resolve("command-service/target/command-service-exec.jar"),
                root.resolve("query-service/target/query-service-exec.jar"),
                Heaps.DEFAULTS, Map.of(), Map.of(), Map.of(), System.getProperty("java.class.path"),
                Duration.ofSeconds(180), null, DEFAULT_PRODUCERS, Instances.ONE_EACH);
    }

    public LocalStackConfig withPorts(Ports value) {
        return new LocalStackConfig(dataDirectory, value, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withClean(boolean value) {
        return new LocalStackConfig(dataDirectory, ports, value, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    /** Only PostgreSQL, Kafka, MongoDB-wire and the JWKS server, e.g. to run the services from an IDE. */
    public LocalStackConfig withoutServices() {
        return new LocalStackConfig(dataDirectory, ports, clean, false, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withServiceJars(Path commandService, Path queryService) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandService, queryService,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withHeaps(Heaps value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                value, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withCommandServiceProperty(String key, String value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, plus(commandServiceProperties, key, value), queryServiceProperties, serviceEnvironment,
                classpath, startTimeout, kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withQueryServiceProperty(String key, String value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, plus(queryServiceProperties, key, value), serviceEnvironment,
                classpath, startTimeout, kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withServiceEnvironment(String name, String value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, plus(serviceEnvironment, name, value),
                classpath, startTimeout, kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withClasspath(String value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, value, startTimeout,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    public LocalStackConfig withStartTimeout(Duration value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, value,
                kafkaProxiedListener, kafkaProducers, instances);
    }

    /**
     * Gives the broker a second listener on {@code brokerPort}, advertised as {@code advertisedPort}, where a TCP
     * proxy forwards to it (see {@link KafkaBroker.ProxiedListener}). The services still connect to the plain
     * listener unless their {@code spring.kafka.bootstrap-servers} property names the proxy.
     */
    public LocalStackConfig withKafkaProxiedListener(int brokerPort, int advertisedPort) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                new KafkaBroker.ProxiedListener(brokerPort, advertisedPort), kafkaProducers, instances);
    }

    /** {@code instances.commandServices()} command-service and {@code queryServices()} query-service processes. */
    public LocalStackConfig withInstances(Instances value) {
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, kafkaProducers, value);
    }

    /** One more command producer, with {@code roles} (comma-separated) and, unless null, only {@code commands}. */
    public LocalStackConfig withKafkaProducer(String name, String roles, String commands) {
        List<KafkaUsers.Producer> producers = new java.util.ArrayList<>(kafkaProducers);
        producers.add(new KafkaUsers.Producer(name, roles, commands));
        return new LocalStackConfig(dataDirectory, ports, clean, startServices, commandServiceJar, queryServiceJar,
                heaps, commandServiceProperties, queryServiceProperties, serviceEnvironment, classpath, startTimeout,
                kafkaProxiedListener, producers, instances);
    }

    /** The broker's users and their passwords, in the data folder. */
    public KafkaUsers kafkaUsers() {
        return new KafkaUsers(folder().kafkaUsers());
    }

    /** Kafka client settings (bootstrap servers and SASL) of {@code user}, with its password from the data folder. */
    public Map<String, Object> kafkaClientProperties(String user) {
        return kafkaUsers().clientProperties(kafkaBootstrapServers(), user);
    }

    public DataFolder folder() {
        return new DataFolder(dataDirectory);
    }

    public String jdbcUrl() {
        return PostgresProcess.jdbcUrl(ports.postgres());
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + ports.kafka();
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + ports.mongo() + "/ledgerline";
    }

    /** The first command-service instance's base URL. */
    public String commandServiceUrl() {
        return "http://127.0.0.1:" + ports.commandService();
    }

    /** The first query-service instance's base URL. */
    public String queryServiceUrl() {
        return "http://127.0.0.1:" + ports.queryService();
    }

    /** The HTTP port of command-service instance {@code n} (from 1). */
    public int commandServicePort(int n) {
        return Instances.port(ports.commandService(), n);
    }

    /** The HTTP port of query-service instance {@code n} (from 1). */
    public int queryServicePort(int n) {
        return Instances.port(ports.queryService(), n);
    }

    /** Every command-service instance's base URL, instance 1 first. */
    public List<String> commandServiceUrls() {
        return java.util.stream.IntStream.rangeClosed(1, instances.commandServices())
                .mapToObj(n -> "http://127.0.0.1:" + commandServicePort(n)).toList();
    }

    /** Every query-service instance's base URL, instance 1 first. */
    public List<String> queryServiceUrls() {
        return java.util.stream.IntStream.rangeClosed(1, instances.queryServices())
                .mapToObj(n -> "http://127.0.0.1:" + queryServicePort(n)).toList();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + ports.jwks() + JwksServer.PATH;
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
    }

    private static Map<String, String> plus(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
