package io.ledgerline.testkit.kafka;

import io.ledgerline.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The local broker's principals, their passwords and their ACLs (docs/security.md): every client authenticates
 * with SASL/SCRAM-SHA-512 as a user of its own, and is allowed only what its ACLs grant. Passwords are generated
 * once into the data folder, one file per user, readable by its owner only, and kept across restarts.
 *
 * <p>{@value #ADMIN} is the broker's super user. It also has a static PLAIN credential in server.properties, the
 * one the broker uses for its own connections and that provisions the SCRAM users on every start: no SCRAM
 * credential has to exist before the broker can start, so a data folder formatted before SASL starts too.
 */
public final class KafkaUsers {

    public static final String ADMIN = "kafka-admin";
    public static final String COMMAND_SERVICE = "command-service";
    public static final String QUERY_SERVICE = "query-service";
    public static final String SCRAM = "SCRAM-SHA-512";
    public static final String PLAIN = "PLAIN";
    private static final int SCRAM_ITERATIONS = 8192;

    /** A command producer: a Kafka user with its own command and result topics, and its roles at command-service. */
    public record Producer(String name, String roles, String commands) {

        public Producer {
            if (!Topics.isValidProducer(name)) {
                throw new IllegalArgumentException("a producer name must match " + Topics.PRODUCER_REGEX);
            }
        }
    }

    private final Path directory;

    public KafkaUsers(Path directory) {
        this.directory = directory;
    }

    /** The user's password, generated on first use. */
    public String password(String user) {
        Path file = directory.resolve(user + ".password");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                byte[] secret = new byte[24];
                new SecureRandom().nextBytes(secret);
                Path written = Files.writeString(directory.resolve(user + ".password.tmp"),
                        HexFormat.of().formatHex(secret), StandardCharsets.UTF_8);
                ownerOnly(written);
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the Kafka password of " + user, e);
        }
    }

    /** Client settings of {@code user} (SCRAM), for producers, consumers and admin clients alike. */
    public Map<String, Object> clientProperties(String bootstrapServers, String user) {
        return sasl(bootstrapServers, SCRAM, scramJaas(user, password(user)));
    }

    /** The super user over PLAIN: works before any SCRAM credential exists. */
    Map<String, Object> bootstrapAdminProperties(String bootstrapServers) {
        return sasl(bootstrapServers, PLAIN, plainJaas(ADMIN, password(ADMIN)));
    }

    private static Map<String, Object> sasl(String bootstrapServers, String mechanism, String jaas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        return properties;
    }

    /** {@code client} (a user's settings) plus the given key-value pairs: the config of one Kafka client. */
    public static Map<String, Object> config(Map<String, Object> client, Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>(client);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Upserts every user's SCRAM credential and adds every ACL; both are no-ops when already there, so this runs
     * on every start.
     */
    public void provision(String bootstrapServers, List<Producer> producers) {
        List<String> users = new ArrayList<>(List.of(ADMIN, COMMAND_SERVICE, QUERY_SERVICE));
        producers.forEach(producer -> users.add(producer.name()));
        Map<String, Object> config = new LinkedHashMap<>(bootstrapAdminProperties(bootstrapServers));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            admin.alterUserScramCredentials(users.stream()
                    .<org.apache.kafka.clients.admin.UserScramCredentialAlteration>map(user ->
                            new UserScramCredentialUpsertion(user,
                                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                                    password(user)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls(producers)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning Kafka users", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot provision the Kafka users and ACLs: " + e, e);
        }
    }

    /** The ACLs of docs/security.md for the local stack; everything else is denied. */
    public static List<AclBinding> acls(List<Producer> producers) {
        List<AclBinding> acls = new ArrayList<>();
        // command-service creates its topics, reads every producer's commands, writes events, results, dead letters
        allow(acls, COMMAND_SERVICE, ResourceType.TOPIC, "ledger.", PatternType.PREFIXED,
                AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
        allow(acls, COMMAND_SERVICE, ResourceType.TOPIC, Topics.COMMANDS_PREFIX, PatternType.PREFIXED,
                AclOperation.READ, AclOperation.WRITE);
        allow(acls, COMMAND_SERVICE, ResourceType.TOPIC, Topics.COMMAND_RESULTS_PREFIX, PatternType.PREFIXED,
                AclOperation.WRITE);
        for (String events : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            allow(acls, COMMAND_SERVICE, ResourceType.TOPIC, events, PatternType.LITERAL, AclOperation.WRITE);
        }
        allow(acls, COMMAND_SERVICE, ResourceType.GROUP, "ledger-commands", PatternType.LITERAL, AclOperation.READ);
        allow(acls, COMMAND_SERVICE, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                AclOperation.IDEMPOTENT_WRITE, AclOperation.DESCRIBE);
        // query-service reads the event topics and writes their dead letters (it declares all four)
        for (String events : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            allow(acls, QUERY_SERVICE, ResourceType.TOPIC, events, PatternType.LITERAL,
                    AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE);
            allow(acls, QUERY_SERVICE, ResourceType.TOPIC, Topics.deadLetter(events), PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE);
        }
        allow(acls, QUERY_SERVICE, ResourceType.GROUP, "ledger-query", PatternType.PREFIXED, AclOperation.READ);
        allow(acls, QUERY_SERVICE, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                AclOperation.IDEMPOTENT_WRITE, AclOperation.DESCRIBE);
        // a producer: its own command topic, its own results, its own consumer groups; nothing of another's
        for (Producer producer : producers) {
            String name = producer.name();
            allow(acls, name, ResourceType.TOPIC, Topics.commands(name), PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE);
            allow(acls, name, ResourceType.TOPIC, Topics.commandResults(name), PatternType.LITERAL,
                    AclOperation.READ, AclOperation.DESCRIBE);
            allow(acls, name, ResourceType.GROUP, name, PatternType.PREFIXED, AclOperation.READ);
            allow(acls, name, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                    AclOperation.IDEMPOTENT_WRITE);
        }
        return acls;
    }

    private static void allow(List<AclBinding> acls, String user, ResourceType type, String name,
                              PatternType pattern, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /** Creates {@code file} anew, empty and readable by its owner only where the file system knows POSIX modes. */
    public static void createOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // the data folder's own permissions apply
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the data folder's own permissions apply
        }
    }
}
