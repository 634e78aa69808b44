package io.ledgerline.local.kafka;

import io.ledgerline.local.process.ChildProcess;
import io.ledgerline.local.process.ProcessContext;
import io.ledgerline.local.process.Processes;
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
    public record Settings(Path directory, int port, int controllerPort, String heap, ProxiedListener proxied) {

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
        List<String> command = context.javaCommand(settings.heap(), "kafka.Kafka",
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
        String listeners = "PLAINTEXT://127.0.0.1:" + s.port() + ",CONTROLLER://127.0.0.1:" + s.controllerPort();
        String advertised = "PLAINTEXT://127.0.0.1:" + s.port();
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (s.proxied() != null) {
            listeners += ",PROXIED://127.0.0.1:" + s.proxied().port();
            advertised += ",PROXIED://127.0.0.1:" + s.proxied().advertisedPort();
            protocols += ",PROXIED:PLAINTEXT";
        }
        p.setProperty("listeners", listeners);
        p.setProperty("advertised.listeners", advertised);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", protocols);
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
        List<String> command = context.javaCommand("256m", "kafka.tools.StorageTool", List.of("format",
                "-t", clusterId, "-c", settings.propertiesFile().toString(), "--ignore-formatted"));
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

    /** The port answers and a metadata request lists the broker. */
    static boolean isHealthy(Settings settings) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 1000);
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "ledgerline-local-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }
}
