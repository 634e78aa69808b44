package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.mongo.MongoProcess;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.ManagedProcess;
import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.process.Processes;
import io.ledgerline.testkit.process.Signal;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher against real processes: PostgreSQL, a Kafka broker JVM and a MongoDB-wire JVM in a temporary data
 * folder, with stand-ins for the two services (their jars are built later in the reactor). One stack for the
 * whole class, closed by the last test, which checks nothing is left running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    static LocalStackConfig config;
    static LocalStack stack;
    static ProcessHandle leftover;

    @BeforeAll
    static void startOverTheLeftoversOfACrashedRun() throws Exception {
        config = LocalStackConfig.of(dir, dir.resolve("data"))
                .withPorts(Ports.free())
                .withServiceJars(fakeServiceJar("command"), fakeServiceJar("query"))
                .withCommandServiceProperty("fake.record", dir.resolve("command-service.seen").toString())
                .withQueryServiceProperty("fake.record", dir.resolve("query-service.seen").toString())
                .withKafkaProducer("deposit-feed", "service", "deposit")
                .withHeaps(new LocalStackConfig.Heaps("384m", "128m", "64m"))
                .withStartTimeout(PATIENCE);
        // A MongoDB-wire server recorded in the data folder by a launcher that then died without stopping it.
        DataFolder folder = config.folder();
        folder.claim();
        ChildProcess orphan = MongoProcess.process(folder.mongoFile(), config.ports().mongo(), "64m",
                new ProcessContext(folder.logs(), folder.run(), config.classpath(), PATIENCE));
        orphan.start();
        orphan.waitHealthy();
        leftover = ProcessHandle.of(orphan.pid()).orElseThrow();

        stack = new LocalStack(config).start();
    }

    @AfterAll
    static void closeIfATestFailedEarly() {
        if (stack != null) {
            stack.close();
        }
        if (leftover != null) {
            leftover.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void stopsWhatAnEarlierRunLeftRunning() {
        assertThat(Processes.isRunning(leftover)).isFalse();
        assertThat(stack.mongo().pid()).isNotEqualTo(leftover.pid());
        assertThat(stack.mongo().isHealthy()).isTrue();
    }

    @Test
    @Order(2)
    void servicesAreWiredToTheInfrastructureAndTheTokenKeys() throws Exception {
        Properties command = seen("command-service");
        assertThat(command.getProperty("server.port")).isEqualTo(Integer.toString(config.ports().commandService()));
        assertThat(command.getProperty("spring.datasource.url")).isEqualTo(config.jdbcUrl());
        assertThat(command.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(config.kafkaBootstrapServers());
        assertThat(command.getProperty("axon.update-check.disabled")).isEqualTo("true");
        assertThat(command.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(command.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(command.getProperty("ledgerline.intake.producers.ledger-cli.roles")).isEqualTo("service");
        assertThat(command.getProperty("ledgerline.intake.producers.ledger-load.roles")).isEqualTo("service");
        assertThat(command.getProperty("ledgerline.intake.producers.deposit-feed.commands")).isEqualTo("deposit");
        // the password is in a config tree readable by the owner only, not on the command line
        Path login = config.folder().kafkaUsers().resolve("config/command-service/spring.kafka.properties.sasl.jaas.config");
        assertThat(Files.readString(login)).contains("username=\"command-service\"");
        assertThat(Files.getPosixFilePermissions(login)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(command.stringPropertyNames()).noneMatch(name -> command.getProperty(name)
                .contains(config.kafkaUsers().password(KafkaUsers.COMMAND_SERVICE)));
        assertThat(command.getProperty("env.LEDGERLINE_JWK_SET_URI")).isEqualTo(config.jwkSetUri());
        assertThat(command.getProperty("env.LEDGERLINE_OPEN_OPERATIONAL_ENDPOINTS")).isEqualTo("true");
        Properties query = seen("query-service");
        assertThat(query.getProperty("spring.data.mongodb.uri")).isEqualTo(config.mongoUri());

        HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(config.jwkSetUri())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains(stack.tokens().rsaKey().getKeyID());
    }

    @Test
    @Order(3)
    void kafkaRefusesClientsWithoutCredentialsAndKeepsEachProducerToItsOwnTopics() throws Exception {
        try (Admin admin = Admin.create(config.kafkaClientProperties(KafkaUsers.ADMIN))) {
            admin.createTopics(List.of(new NewTopic(Topics.commands("ledger-cli"), 1, (short) 1),
                    new NewTopic(Topics.commands("ledger-load"), 1, (short) 1),
                    new NewTopic(Topics.commandResults("ledger-load"), 1, (short) 1))).all().get();
        }
        // no credentials: the SASL listener never answers a plaintext client
        try (Admin stranger = Admin.create(Map.of("bootstrap.servers", config.kafkaBootstrapServers(),
                "default.api.timeout.ms", 3000, "request.timeout.ms", 2000))) {
            assertThatThrownBy(() -> stranger.describeCluster().nodes().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        // a wrong password
        Map<String, Object> impostor = KafkaUsers.config(config.kafkaClientProperties("ledger-cli"),
                "sasl.jaas.config", KafkaUsers.scramJaas("ledger-cli", "guessed"), "default.api.timeout.ms", 10_000,
                "request.timeout.ms", 5_000);
        try (Admin admin = Admin.create(impostor)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        }
        // ledger-cli writes its own command topic, not another producer's, and cannot read another's results
        Map<String, Object> cli = config.kafkaClientProperties("ledger-cli");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaUsers.config(cli,
                "acks", "all", "max.block.ms", 10_000), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.commands("ledger-cli"), "acc-1", "mine")).get();
            assertThatThrownBy(() -> producer.send(
                    new ProducerRecord<>(Topics.commands("ledger-load"), "acc-1", "theirs")).get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cli, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.commandResults("ledger-load"), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(4)
    void kafkaKeepsAnAcknowledgedRecordAndItsUsersAcrossSigkill() throws Exception {
        String topic = "drill.kafka-restart.v1";
        try (Admin admin = Admin.create(config.kafkaClientProperties(KafkaUsers.ADMIN))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaUsers.config(
                config.kafkaClientProperties(KafkaUsers.ADMIN), "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "acc-1", "MoneyDeposited 100")).get();
        }
        assertThat(readAll(topic)).extracting(ConsumerRecord::value).containsExactly("MoneyDeposited 100");

        ManagedProcess kafka = stack.kafka();
        long crashed = kafka.pid();
        kafka.kill(Signal.KILL);
        await().atMost(PATIENCE).until(() -> !kafka.isAlive());
        kafka.restart();

        assertThat(kafka.pid()).isNotEqualTo(crashed);
        // read with the SCRAM credential stored in the cluster before the kill
        assertThat(readAll(topic)).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acc-1", "MoneyDeposited 100"));
    }

    @Test
    @Order(5)
    void postgresKeepsACommittedRowAcrossSigkillOfThePostmaster() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("on");
            assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
            s.execute("create table ledger_entry (id text primary key, amount bigint not null)");
            s.execute("insert into ledger_entry values ('e-1', 100)"); // auto-commit: acknowledged = committed
        }

        ManagedProcess postgres = stack.postgres();
        long crashed = postgres.pid();
        postgres.kill(Signal.KILL);
        await().atMost(PATIENCE).until(() -> !postgres.isAlive());
        postgres.restart();

        assertThat(postgres.pid()).isNotEqualTo(crashed);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select id, amount from ledger_entry")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("id")).isEqualTo("e-1");
            assertThat(rows.getLong("amount")).isEqualTo(100);
        }
    }

    @Test
    @Order(6)
    void frozenProcessIsUnhealthyUntilThawed() {
        ManagedProcess mongo = stack.mongo();

        mongo.kill(Signal.STOP);
        assertThat(mongo.isHealthy()).isFalse();
        mongo.kill(Signal.CONT);

        await().atMost(PATIENCE).until(mongo::isHealthy);
    }

    @Test
    @Order(7)
    void closeStopsEveryProcessAndFreesTheFolder() throws Exception {
        List<ProcessHandle> running = new ArrayList<>();
        stack.processes().forEach(p -> running.add(ProcessHandle.of(p.pid()).orElseThrow()));
        assertThat(running).hasSize(5).allMatch(Processes::isRunning);

        stack.close();

        assertThat(running).noneMatch(Processes::isRunning);
        try (var pidFiles = Files.list(config.folder().run())) {
            assertThat(pidFiles.map(p -> p.getFileName().toString())).containsExactly("launcher.lock");
        }
        try (var lock = config.folder().lock()) {
            assertThat(lock).isNotNull();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                config.kafkaClientProperties(KafkaUsers.ADMIN), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), "postgres", "");
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("show " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private static Properties seen(String service) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(service + ".seen"))) {
            p.load(in);
        }
        return p;
    }

    /** An executable jar whose manifest points at the test classes, run with {@code java -jar} like a service. */
    private static Path fakeServiceJar(String name) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                FakeService.class.getProtectionDomain().getCodeSource().getLocation().toString());
        Path jar = dir.resolve(name + "-service-fake.jar");
        try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            return jar;
        }
    }
}
