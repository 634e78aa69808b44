package io.ledgerline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {

    @Test
    void eventTopicsAndDeadLettersKeepTheConfiguredRetention() {
        for (String topic : TopicConfigs.EVENT_TOPICS) {
            assertThat(TopicConfigs.of(topic, (short) 1, -1)).as(topic).isEqualTo(Map.of("retention.ms", "-1"));
            assertThat(TopicConfigs.of(Topics.deadLetter(topic), (short) 1, -1))
                    .isEqualTo(Map.of("retention.ms", "-1"));
        }
        assertThat(TopicConfigs.of(Topics.deadLetter(Topics.commands("feed")), (short) 1, 86_400_000L))
                .isEqualTo(Map.of("retention.ms", "86400000"));
    }

    @Test
    void commandAndResultTopicsKeepTheBrokersRetention() {
        assertThat(TopicConfigs.of(Topics.commands("feed"), (short) 1, -1)).isEmpty();
        assertThat(TopicConfigs.of(Topics.commandResults("feed"), (short) 1, -1)).isEmpty();
    }

    @Test
    void aReplicatedTopicNeedsTwoInSyncReplicasWhateverItHolds() {
        assertThat(TopicConfigs.of(Topics.ACCOUNT_EVENTS, (short) 3, -1))
                .isEqualTo(Map.of("retention.ms", "-1", "min.insync.replicas", "2"));
        assertThat(TopicConfigs.of(Topics.commandResults("feed"), (short) 2, -1))
                .isEqualTo(Map.of("min.insync.replicas", "2"));
    }
}
