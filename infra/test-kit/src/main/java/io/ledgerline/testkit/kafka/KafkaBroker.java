package io.ledgerline.testkit.kafka;

import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.JvmOptions;
import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker from the Maven Central jars, as its own JVM: KRaft, one node that is both broker and
 * controller, listening on 127.0.0.1 only, with its data under {@code directory}. The storage is formatted once;
 * the cluster id is kept next to it so a restart finds the same cluster.
 *
 * <p>Every listener requires SASL and the {@code StandardAuthorizer} denies what no ACL grants
 * ({@link KafkaUsers}): clients authenticate with SCRAM-SHA-512; the broker itself, towards its controller and
 * itself, with the super user's static PLAIN credential, which needs nothing stored in the cluster first.
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * A second client listener, {@code PROXIED}, on {@code port}, advertised as {@code advertisedPort}: a TCP proxy
     * (fault drills) listens on the advertised port and forwards to {@code port}. Clients that bootstrap through
     * the proxy are sent back to it by the metadata, while the plain listener keeps serving everyone else.
     */
    public record ProxiedListener(int port, int advertisedPort) {
    }

    /**
     * Where and how it runs. {@code directory} holds server.properties, cluster.id and the log dirs;
     * {@code proxied} is null unless a drill puts a proxy in front of the broker.
     */
    public record Settings(Path directory, int port, int controllerPort, String heap, ProxiedListener proxied,
                           KafkaUsers users) {

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        Path propertiesFile() {
            return directory.resolve("server.properties");
        }

        Path clusterIdFile() {
            return directory.resolve("cluster.id");
        }

        Path logDirectory() {
            return directory.resolve("data");
        }
    }

    private KafkaBroker() {
    }

    /** The managed broker process; nothing runs until {@code start()}. */
    public static ChildProcess process(Settings settings, ProcessContext context) {
        List<String> command = context.javaCommand(settings.heap(), JvmOptions.kafka(), "kafka.Kafka",
                List.of(settings.propertiesFile().toString()));
        return new ChildProcess(NAME, context, command, Map.of(), () -> isHealthy(settings), STOP_GRACE,
                () -> prepare(settings, context));
    }

    /** Single node: every internal topic has one replica, and the services create their own topics. */
    static Properties serverProperties(Settings s) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + s.controllerPort());
        String listeners = "CLIENT://127.0.0.1:" + s.port() + ",CONTROLLER://127.0.0.1:" + s.controllerPort();
        String advertised = "CLIENT://127.0.0.1:" + s.port();
        String protocols = "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT";
        if (s.proxied() != null) {
            listeners += ",PROXIED://127.0.0.1:" + s.proxied().port();
            advertised += ",PROXIED://127.0.0.1:" + s.proxied().advertisedPort();
            protocols += ",PROXIED:SASL_PLAINTEXT";
        }
        p.setProperty("listeners", listeners);
        p.setProperty("advertised.listeners", advertised);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "CLIENT");
        p.setProperty("listener.security.protocol.map", protocols);
        // SASL everywhere. PLAIN knows one user, the super user, from this file: the broker's own connections and
        // the launcher's provisioning. SCRAM users (the clients) are stored in the cluster (KafkaUsers#provision).
        String admin = s.users().password(KafkaUsers.ADMIN);
        String plainServer = KafkaUsers.plainJaas(KafkaUsers.ADMIN, admin).replace(";",
                " user_" + KafkaUsers.ADMIN + "=\"" + admin + "\";");
        p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaUsers.PLAIN);
        p.setProperty("sasl.mechanism.controller.protocol", KafkaUsers.PLAIN);
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", KafkaUsers.PLAIN);
        p.setProperty("listener.name.controller.plain.sasl.jaas.config", plainServer);
        for (String client : s.proxied() != null ? List.of("client", "proxied") : List.of("client")) {
            p.setProperty("listener.name." + client + ".sasl.enabled.mechanisms",
                    KafkaUsers.SCRAM + "," + KafkaUsers.PLAIN);
            p.setProperty("listener.name." + client + ".plain.sasl.jaas.config", plainServer);
            p.setProperty("listener.name." + client + ".scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("super.users", "User:" + KafkaUsers.ADMIN);
        p.setProperty("log.dirs", s.logDirectory().toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the restarted broker cannot register until the controller expires the dead
        // incarnation's session (9 s by default, ~18 s to healthy with retries). Heartbeats go over loopback to
        // the same JVM, so a shorter session costs nothing here.
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "4000");
        return p;
    }

    /** Writes server.properties (ports may have changed since the last run) and formats the storage once. */
    static void prepare(Settings settings, ProcessContext context) {
        try {
            Files.createDirectories(settings.directory());
            // it holds the super user's password: readable by the owner only
            KafkaUsers.createOwnerOnly(settings.propertiesFile());
            try (Writer out = Files.newBufferedWriter(settings.propertiesFile())) {
                serverProperties(settings).store(out, "written by ledgerline-local on every start");
            }
            if (!Files.exists(settings.logDirectory().resolve("meta.properties"))) {
                format(settings, context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + settings.directory(), e);
        }
    }

    private static void format(Settings settings, ProcessContext context) throws IOException {
        if (!Files.exists(settings.clusterIdFile())) {
            Files.writeString(settings.clusterIdFile(), Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(settings.clusterIdFile()).trim();
        List<String> command = context.javaCommand("256m", JvmOptions.kafka(), "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", settings.propertiesFile().toString(), "--ignore-formatted"));
        Path log = context.logFile(NAME);
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed. End of " + log + ":\n"
                        + Processes.tail(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** The port answers and a metadata request, as the super user, lists the broker. */
    static boolean isHealthy(Settings settings) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 1000);
        }
        Map<String, Object> config = new java.util.HashMap<>(
                settings.users().bootstrapAdminProperties(settings.bootstrapServers()));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ledgerline-local-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }
}
