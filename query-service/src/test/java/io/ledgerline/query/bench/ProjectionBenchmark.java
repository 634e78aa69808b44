package io.ledgerline.query.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.kafka.KafkaBroker;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.mongo.MongoProcess;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

/**
 * Measures the query-service's projection against the local stack's pieces, each its own process: a KRaft broker,
 * the durable MongoDB-wire store and the query-service jar. It prints numbers; it asserts nothing.
 *
 * <ol>
 *   <li>warm-up: {@code --warmup} events, consumed live (JIT, connection pools);</li>
 *   <li>live: {@code --events} more events produced as fast as the producer goes (or at {@code --rate} per second)
 *       while the live consumer applies them; events/s from the first send until the consumer group's committed
 *       offsets reach the end, and the query-service's CPU time per event over the same window;</li>
 *   <li>rebuild: {@code POST /api/v1/admin/projections/rebuild} over everything on the topics; events/s as the
 *       rebuild reports it (applied between its start and finish), and CPU per event.</li>
 * </ol>
 * Events: {@code --accounts} accounts, each opened and then deposited to / withdrawn from in turn (round robin, so a
 * batch holds many aggregates), and one transfer (requested, completed) for every ten account events.
 *
 * <pre>
 * java -cp &lt;query-service test class path&gt; io.ledgerline.query.bench.ProjectionBenchmark \
 *     --query-jar query-service/target/query-service-exec.jar --kit-classes infra/test-kit/target/classes \
 *     [--events 100000] [--warmup 20000] [--accounts 2000] [--rate 0] [--partitions 3]
 * </pre>
 */
public final class ProjectionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "ledger-query";

    /** The command line, in the conventions of {@code infra/}'s tools ({@link Cli}). */
    static final class Options {
        @Option(names = "--query-jar")
        String queryJar = "query-service/target/query-service-exec.jar";
        @Option(names = "--kit-classes")
        String kitClasses = "infra/test-kit/target/classes";
        @Option(names = "--events")
        long events = 100_000;
        @Option(names = "--warmup")
        long warmup = 20_000;
        @Option(names = "--accounts")
        int accounts = 2_000;
        @Option(names = "--rate")
        double rate;
        @Option(names = "--partitions")
        int partitions = 3;
    }

    private final Options options;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private int nextAccount;
    private int nextTransfer;
    private long produced;

    private ProjectionBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        Cli.parseOrExit(options, args, "usage: ProjectionBenchmark [--query-jar <jar>] [--kit-classes <dir>]"
                + " [--events n] [--warmup n] [--accounts n] [--rate per-second] [--partitions n]");
        new ProjectionBenchmark(options).run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("ledgerline-bench");
        String classpath = options.kitClasses + File.pathSeparator
                + System.getProperty("java.class.path");
        ProcessContext context = new ProcessContext(dir.resolve("logs"), dir.resolve("run"), classpath,
                Duration.ofMinutes(3));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("run"));
        int partitions = options.partitions;
        int kafkaPort = freePort();
        int httpPort = freePort();
        int mongoPort = freePort();
        // the local stack's broker, SASL and ACLs included; this tool connects as its super user
        KafkaUsers users = new KafkaUsers(dir.resolve("kafka-users"));
        ChildProcess kafka = KafkaBroker.process(new KafkaBroker.Settings(dir.resolve("kafka"), kafkaPort, freePort(),
                "512m", null, users), context);
        ChildProcess mongo = MongoProcess.process(dir.resolve("mongo/ledgerline.mv"), mongoPort, "512m", context);
        LocalTokens tokens = LocalTokens.generate();
        JwksServer jwks = JwksServer.start(tokens.publicJwkSet(), 0);
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Map<String, String> environment = Map.of(
                "SERVER_PORT", Integer.toString(httpPort),
                "SPRING_DATA_MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/ledgerline",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", KafkaUsers.SCRAM,
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                KafkaUsers.scramJaas(KafkaUsers.ADMIN, users.password(KafkaUsers.ADMIN)),
                "LEDGERLINE_JWK_SET_URI", jwks.uri(),
                "LEDGERLINE_TOPIC_PARTITIONS", Integer.toString(partitions),
                // the service refuses to start without a cursor key; this run serves no pages worth keeping
                "LEDGERLINE_CURSOR_KEY", "projection-benchmark-cursor-key");
        ChildProcess query = new ChildProcess("query-service", context,
                List.of(ProcessContext.JAVA, "-Xmx256m", "-jar", options.queryJar),
                environment, () -> ready(httpPort), Duration.ofSeconds(20), () -> { });
        try {
            kafka.start();
            mongo.start();
            kafka.waitHealthy();
            mongo.waitHealthy();
            users.provision(bootstrap, List.of());
            Map<String, Object> client = users.clientProperties(bootstrap, KafkaUsers.ADMIN);
            try (AdminClient admin = AdminClient.create(client);
                 KafkaProducer<byte[], byte[]> producer = producer(client)) {
                List<NewTopic> topics = new ArrayList<>();
                for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
                    topics.add(new NewTopic(topic, partitions, (short) 1));
                    topics.add(new NewTopic(Topics.deadLetter(topic), partitions, (short) 1));
                }
                admin.createTopics(topics).all().get();
                query.start();
                query.waitHealthy();
                say("data in " + dir + "; query-service pid " + query.pid());

                long warmup = options.warmup;
                produce(producer, warmup, 0);
                awaitConsumed(admin);
                say("warm-up: " + warmup + " events consumed");

                long events = options.events;
                double rate = options.rate;
                long cpuBefore = cpuNanos(query.pid());
                long start = System.nanoTime();
                produce(producer, events, rate);
                double producing = (System.nanoTime() - start) / 1e9;
                awaitConsumed(admin);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (cpuNanos(query.pid()) - cpuBefore) / 1e9;
                say(String.format("live: %d events in %.1f s (produced in %.1f s%s) = %.0f events/s;"
                                + " query-service CPU %.1f s = %.0f us/event (%.0f%% of one core)", events, seconds,
                        producing, rate > 0 ? " at " + rate + "/s" : "", events / seconds, cpu, cpu * 1e6 / events,
                        cpu * 100 / seconds));

                rebuild(tokens, httpPort, query.pid());
            }
        } finally {
            query.stop();
            mongo.stop();
            kafka.stop();
            jwks.close();
        }
    }

    private void rebuild(LocalTokens tokens, int port, long pid) throws Exception {
        String token = tokens.mint(TokenSpec.of("bench", "operator", Duration.ofHours(1)));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/admin/projections/rebuild");
        long cpuBefore = cpuNanos(pid);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + started.statusCode() + " " + started.body());
        }
        long target = JSON.readTree(started.body()).path("lastRebuild").path("targetGeneration").asLong();
        JsonNode last = await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token).GET().build(),
                                HttpResponse.BodyHandlers.ofString()).body()).path("lastRebuild"),
                        status -> status.path("targetGeneration").asLong() == target
                                && !status.path("state").asText().equals("RUNNING"));
        double cpu = (cpuNanos(pid) - cpuBefore) / 1e9;
        double seconds = Duration.between(Instant.parse(last.path("startedAt").asText()),
                Instant.parse(last.path("finishedAt").asText())).toMillis() / 1000.0;
        long applied = last.path("eventsApplied").asLong();
        say(String.format("rebuild: %s, %d events in %.1f s = %.0f events/s; query-service CPU %.1f s"
                + " = %.0f us/event", last.path("state").asText(), applied, seconds, applied / seconds, cpu,
                cpu * 1e6 / applied));
    }

    /** Account events in rounds over the accounts, plus a transfer (requested, completed) every ten. */
    private void produce(KafkaProducer<byte[], byte[]> producer, long count, double perSecond) throws Exception {
        int accounts = options.accounts;
        long begin = System.nanoTime();
        for (long i = 0; i < count; i++) {
            ProducerRecord<byte[], byte[]> record;
            if (i % 11 == 10) {
                String transferId = "bench-t-" + (nextTransfer / 2);
                record = nextTransfer % 2 == 0
                        ? EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                                Events.requested(transferId, "bench-a-0", "bench-a-1", 1, "EUR"), Instant.now())
                        : EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 2, Events.completed(transferId),
                                Instant.now());
                nextTransfer++;
            } else {
                String accountId = "bench-a-" + (nextAccount++ % accounts);
                long version = versions.merge(accountId, 1L, Long::sum);
                long balance = balances.getOrDefault(accountId, 0L);
                if (version == 1) {
                    record = EventRecords.record(Topics.ACCOUNT_EVENTS, accountId, 1,
                            Events.opened(accountId, "bench-owner-" + (accountId.hashCode() & 63), "EUR", 0),
                            Instant.now());
                } else if (version % 3 == 0) {
                    balances.put(accountId, balance - 1);
                    record = EventRecords.record(Topics.ACCOUNT_EVENTS, accountId, version,
                            Events.withdrawn(accountId, "w" + version, 1, "EUR", balance - 1), Instant.now());
                } else {
                    balances.put(accountId, balance + 2);
                    record = EventRecords.record(Topics.ACCOUNT_EVENTS, accountId, version,
                            Events.deposited(accountId, "d" + version, 2, "EUR", balance + 2, null), Instant.now());
                }
            }
            producer.send(record);
            produced++;
            if (perSecond > 0 && i % 100 == 99) {
                long due = begin + (long) ((i + 1) / perSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the producer to a rate, not waiting for a condition
                }
            }
        }
        producer.flush();
    }

    private static void awaitConsumed(AdminClient admin) {
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            long done = committed.entrySet().stream().filter(e -> latest.containsKey(e.getKey()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            return done >= end;
        });
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private boolean ready(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200;
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid)).toNanos();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void say(String line) {
        System.out.println(Instant.now() + " " + line);
    }
}
