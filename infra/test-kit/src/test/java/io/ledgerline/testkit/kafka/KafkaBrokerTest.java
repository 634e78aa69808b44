package io.ledgerline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    static Path users;

    private final KafkaBroker.Settings settings =
            new KafkaBroker.Settings(Path.of("/data/kafka"), 59092, 59093, "512m", null, new KafkaUsers(users));

    @Test
    void runsOneCombinedKraftNodeOnLoopbackOnly() {
        Properties p = KafkaBroker.serverProperties(settings);

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:59093");
        assertThat(p.getProperty("listeners")).isEqualTo("CLIENT://127.0.0.1:59092,CONTROLLER://127.0.0.1:59093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("CLIENT://127.0.0.1:59092");
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:59092");
    }

    @Test
    void everyListenerRequiresSaslAndNothingIsAllowedThatNoAclGrants() {
        Properties p = KafkaBroker.serverProperties(settings);

        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(p.getProperty("listener.name.client.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512,PLAIN");
        assertThat(p.getProperty("listener.name.controller.sasl.enabled.mechanisms")).isEqualTo("PLAIN");
        // PLAIN knows the super user alone, with the password from the data folder
        assertThat(p.getProperty("listener.name.client.plain.sasl.jaas.config"))
                .contains("user_kafka-admin=\"" + new KafkaUsers(users).password(KafkaUsers.ADMIN) + "\"")
                .doesNotContain("user_command-service");
        assertThat(p.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(p.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(p.getProperty("super.users")).isEqualTo("User:kafka-admin");
    }

    @Test
    void aProducerMayWriteOnlyItsOwnCommandTopicAndReadOnlyItsOwnResults() {
        List<AclBinding> acls = KafkaUsers.acls(List.of(new KafkaUsers.Producer("p", "service", null),
                new KafkaUsers.Producer("q", "service", "deposit")));

        List<AclBinding> ofP = acls.stream().filter(acl -> acl.entry().principal().equals("User:p")).toList();
        assertThat(ofP).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.TOPIC)
                .allSatisfy(acl -> assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL))
                .extracting(acl -> acl.pattern().name() + " " + acl.entry().operation())
                .containsExactlyInAnyOrder(Topics.commands("p") + " WRITE", Topics.commands("p") + " DESCRIBE",
                        Topics.commandResults("p") + " READ", Topics.commandResults("p") + " DESCRIBE");
        assertThat(acls).filteredOn(acl -> acl.pattern().name().equals(Topics.commands("q"))
                        && acl.entry().operation() == AclOperation.WRITE)
                .extracting(acl -> acl.entry().principal()).containsExactly("User:q");
        // only command-service writes the event topics
        assertThat(acls).filteredOn(acl -> acl.pattern().name().equals(Topics.ACCOUNT_EVENTS)
                        && acl.entry().operation() == AclOperation.WRITE)
                .extracting(acl -> acl.entry().principal()).containsExactly("User:command-service");
    }

    @Test
    void internalTopicsFitASingleBrokerAndDataStaysInTheDataFolder() {
        Properties p = KafkaBroker.serverProperties(settings);

        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(Path.of(p.getProperty("log.dirs"))).startsWithRaw(Path.of("/data/kafka"));
    }

    @Test
    void aProxiedListenerIsAdvertisedAtTheProxysPortNextToThePlainOne() {
        Properties p = KafkaBroker.serverProperties(new KafkaBroker.Settings(Path.of("/data/kafka"), 59092, 59093,
                "512m", new KafkaBroker.ProxiedListener(59094, 59095), new KafkaUsers(users)));

        assertThat(p.getProperty("listeners")).isEqualTo("CLIENT://127.0.0.1:59092,CONTROLLER://127.0.0.1:59093,"
                + "PROXIED://127.0.0.1:59094");
        assertThat(p.getProperty("advertised.listeners"))
                .isEqualTo("CLIENT://127.0.0.1:59092,PROXIED://127.0.0.1:59095");
        assertThat(p.getProperty("listener.security.protocol.map")).contains("PROXIED:SASL_PLAINTEXT");
        assertThat(p.getProperty("listener.name.proxied.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512,PLAIN");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("CLIENT");
    }
}
