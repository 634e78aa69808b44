package io.ledgerline.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every ledger topic is configured when a service creates it, one description for both services, so whichever
 * starts first cannot create a topic differently from the other:
 *
 * <ul>
 *   <li>the event topics and every dead-letter topic keep their records for the configured retention, by default
 *       forever ({@code -1}): any projection can be rebuilt from offset 0, and a dead letter is evidence;</li>
 *   <li>command and result topics keep the broker's default retention;</li>
 *   <li>a replicated topic needs two in-sync replicas for a write ({@code min.insync.replicas=2}), so an
 *       acknowledged event survives the loss of one broker.</li>
 * </ul>
 *
 * Who creates what: the command-service the event topics and their dead-letter topics, and each producer's command
 * topic, its dead-letter topic and its result topic; the query-service only the dead-letter topics it writes (the
 * event topics' {@code .dlt}), never an event topic.
 */
public final class TopicConfigs {

    /** The topics the command-service publishes every event to. */
    public static final List<String> EVENT_TOPICS = List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS);

    private TopicConfigs() {
    }

    /** The configs to create {@code topic} with, at {@code replicationFactor} and the configured retention. */
    public static Map<String, String> of(String topic, short replicationFactor, long retentionMs) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (keepsRecords(topic)) {
            configs.put("retention.ms", Long.toString(retentionMs));
        }
        if (replicationFactor > 1) {
            configs.put("min.insync.replicas", "2");
        }
        return configs;
    }

    /** True for the topics whose retention is the configured one: event topics and dead-letter topics. */
    public static boolean keepsRecords(String topic) {
        return EVENT_TOPICS.contains(topic) || topic.endsWith(Topics.DLT_SUFFIX);
    }
}
