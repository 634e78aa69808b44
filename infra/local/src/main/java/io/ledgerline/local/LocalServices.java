package io.ledgerline.local;

import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.postgres.LocalPostgres;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.HealthCheck;
import io.ledgerline.testkit.process.JvmOptions;
import io.ledgerline.testkit.process.ProcessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command-service and query-service JVMs, wired to the stack's infrastructure. */
public final class LocalServices {

    public static final String COMMAND_SERVICE = "command-service";
    public static final String QUERY_SERVICE = "query-service";
    public static final String READINESS_PATH = "/actuator/health/readiness";

    /** Spring's graceful shutdown gets this long after SIGTERM before SIGKILL. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private LocalServices() {
    }

    /** Instance {@code n} (from 1) of a service: the first keeps the service's name, the others get a suffix. */
    public static String instanceName(String service, int n) {
        return n == 1 ? service : service + "-" + n;
    }

    /** The service a process name from {@link #instanceName} belongs to, e.g. command-service for command-service-2. */
    public static String serviceOf(String processName) {
        return processName.startsWith(COMMAND_SERVICE) ? COMMAND_SERVICE
                : processName.startsWith(QUERY_SERVICE) ? QUERY_SERVICE : processName;
    }

    /** The names of instances 1 to {@code count} of a service. */
    public static List<String> instanceNames(String service, int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(n -> instanceName(service, n)).toList();
    }

    /** Every service process name of {@code config}'s instances, command-services first. */
    public static List<String> processNames(LocalStackConfig config) {
        List<String> names = new ArrayList<>(instanceNames(COMMAND_SERVICE, config.instances().commandServices()));
        names.addAll(instanceNames(QUERY_SERVICE, config.instances().queryServices()));
        return names;
    }

    public static ChildProcess commandService(LocalStackConfig config, ProcessContext context, int n) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", config.jdbcUrl());
        properties.put("spring.datasource.username", LocalPostgres.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", config.kafkaBootstrapServers());
        properties.put("axon.update-check.disabled", "true");
        properties.put("spring.config.import", "optional:configtree:" + kafkaLogin(config, COMMAND_SERVICE) + "/");
        for (KafkaUsers.Producer producer : config.kafkaProducers()) {
            String prefix = "ledgerline.intake.producers." + producer.name();
            properties.put(prefix + ".roles", producer.roles());
            if (producer.commands() != null) {
                properties.put(prefix + ".commands", producer.commands());
            }
        }
        properties.putAll(config.commandServiceProperties());
        return service(COMMAND_SERVICE, n, config.commandServiceJar(), config.commandServicePort(n), properties,
                config, context);
    }

    public static ChildProcess queryService(LocalStackConfig config, ProcessContext context, int n) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.data.mongodb.uri", config.mongoUri());
        properties.put("spring.kafka.bootstrap-servers", config.kafkaBootstrapServers());
        // the cursor key ring generated into the data folder (LocalStack#start), read as a Boot config tree so
        // that the secret is on no command line
        properties.put("spring.config.import", "optional:configtree:" + config.folder().secrets() + "/,"
                + "optional:configtree:" + kafkaLogin(config, QUERY_SERVICE) + "/");
        properties.putAll(config.queryServiceProperties());
        return service(QUERY_SERVICE, n, config.queryServiceJar(), config.queryServicePort(n), properties,
                config, context);
    }

    /**
     * One process of {@code service}: every instance logs in to Kafka as the service's user (ACLs are per service,
     * not per instance); its own name is in its environment ({@code LEDGERLINE_INSTANCE}), its log file and pid file.
     */
    private static ChildProcess service(String service, int n, Path jar, int port, Map<String, String> properties,
                                        LocalStackConfig config, ProcessContext context) {
        String name = instanceName(service, n);
        properties.put("spring.kafka.security.protocol", "SASL_PLAINTEXT");
        properties.put("spring.kafka.properties.sasl.mechanism", KafkaUsers.SCRAM);
        List<String> command = new ArrayList<>(List.of(ProcessContext.JAVA, "-Xmx" + config.heaps().services()));
        command.addAll(JvmOptions.services());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LEDGERLINE_JWK_SET_URI", config.jwkSetUri());
        environment.put("LEDGERLINE_OPEN_OPERATIONAL_ENDPOINTS", "true");
        environment.put("LEDGERLINE_INSTANCE", name);
        environment.putAll(config.serviceEnvironment());
        return new ChildProcess(name, context, command, environment, readiness(port), STOP_GRACE, () -> {
            requireJar(service, jar);
            writeKafkaLogin(config, service);
        });
    }

    /** The service's Kafka login, a config tree of one property, so that its password is on no command line. */
    static Path kafkaLogin(LocalStackConfig config, String service) {
        return config.folder().kafkaUsers().resolve("config").resolve(service);
    }

    private static void writeKafkaLogin(LocalStackConfig config, String service) {
        Path file = kafkaLogin(config, service).resolve("spring.kafka.properties.sasl.jaas.config");
        try {
            String login = KafkaUsers.scramJaas(service, config.kafkaUsers().password(service));
            if (Files.isRegularFile(file) && Files.readString(file).equals(login)) {
                return; // every instance of the service uses this file: never rewrite it under a starting peer
            }
            Files.createDirectories(file.getParent());
            KafkaUsers.createOwnerOnly(file);
            Files.writeString(file, login);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka login of " + service, e);
        }
    }

    /** GET /actuator/health/readiness answers 200. */
    public static HealthCheck readiness(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + READINESS_PATH))
                .timeout(Duration.ofSeconds(3)).GET().build();
        return () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static void requireJar(String name, Path jar) {
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("no " + name + " jar at " + jar + "; build it with "
                    + "./mvnw -DskipTests package -pl " + name + " -am (infra/run-local does this for you)");
        }
    }
}
