package io.ledgerline.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private final KafkaBroker.Settings settings =
            new KafkaBroker.Settings(Path.of("/data/kafka"), 59092, 59093, "512m", null);

    @Test
    void runsOneCombinedKraftNodeOnLoopbackOnly() {
        Properties p = KafkaBroker.serverProperties(settings);

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:59093");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:59092,CONTROLLER://127.0.0.1:59093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:59092");
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:59092");
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
                "512m", new KafkaBroker.ProxiedListener(59094, 59095)));

        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:59092,CONTROLLER://127.0.0.1:59093,"
                + "PROXIED://127.0.0.1:59094");
        assertThat(p.getProperty("advertised.listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:59092,PROXIED://127.0.0.1:59095");
        assertThat(p.getProperty("listener.security.protocol.map")).contains("PROXIED:PLAINTEXT");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
    }
}
