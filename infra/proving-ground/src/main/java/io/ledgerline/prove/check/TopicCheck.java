package io.ledgerline.prove.check;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The event topics against the store: deduplicated by {@code ledger-event-id}, they hold exactly the store's
 * events (same aggregate, version, type and payload, on the topic of the aggregate's type, keyed by its bare id),
 * and each aggregate's events first appear in version order. Redelivered copies are allowed anywhere after.
 */
final class TopicCheck {

    /** What was found, for the report. */
    record Summary(long messages, long duplicates) {
    }

    private TopicCheck() {
    }

    static Summary check(List<StoreEvent> store, Map<String, List<TopicEvent>> topics, List<Violation> violations) {
        Map<String, StoreEvent> byId = new HashMap<>();
        store.forEach(e -> byId.put(e.eventId(), e));
        Map<String, TopicEvent> firstSeen = new HashMap<>();
        Map<String, Long> lastVersion = new HashMap<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        long messages = 0;
        long duplicates = 0;
        for (Map.Entry<String, List<TopicEvent>> topic : topics.entrySet()) {
            boolean accountTopic = topic.getKey().equals(Topics.ACCOUNT_EVENTS);
            for (TopicEvent m : topic.getValue()) {
                messages++;
                String at = m.topic() + "/" + m.partition() + "@" + m.offset() + " key " + m.key();
                if (m.value() == null) {
                    violations.add(new Violation("topics-decodable", at + ": " + m.decodeError()));
                    continue;
                }
                String eventId = m.header(LedgerHeaders.EVENT_ID);
                if (eventId == null) {
                    violations.add(new Violation("topics-match-store", at + ": no " + LedgerHeaders.EVENT_ID));
                    continue;
                }
                String stream = (accountTopic ? "account:" : "transfer:") + m.key();
                Integer partition = partitionOfKey.putIfAbsent(stream, m.partition());
                if (partition != null && partition != m.partition()) {
                    violations.add(new Violation("per-aggregate-order", at + ": " + stream + " is on partitions "
                            + partition + " and " + m.partition()));
                }
                TopicEvent first = firstSeen.putIfAbsent(eventId, m);
                if (first != null) {
                    duplicates++;
                    if (!Objects.equals(first.value(), m.value()) || !Objects.equals(first.key(), m.key())) {
                        violations.add(new Violation("topics-match-store", at + ": event " + eventId
                                + " published again with other content than at " + first.topic() + "/"
                                + first.partition() + "@" + first.offset()));
                    }
                    continue;
                }
                StoreEvent stored = byId.get(eventId);
                if (stored == null) {
                    violations.add(new Violation("topics-match-store", at + ": event " + eventId + " ("
                            + m.header(LedgerHeaders.EVENT_TYPE) + " v" + m.header(LedgerHeaders.AGGREGATE_VERSION)
                            + ") is not in the event store"));
                    continue;
                }
                List<String> wrong = compare(m, stored, accountTopic);
                if (!wrong.isEmpty()) {
                    violations.add(new Violation("topics-match-store", at + ": event " + eventId + " of "
                            + stored.streamKey() + " v" + stored.version() + " differs: " + wrong));
                }
                long previous = lastVersion.getOrDefault(stream, 0L);
                if (stored.version() != previous + 1) {
                    violations.add(new Violation("per-aggregate-order", at + ": " + stream + " v" + stored.version()
                            + " first appears after v" + previous));
                }
                lastVersion.merge(stream, stored.version(), Math::max);
            }
        }
        Set<String> missing = new HashSet<>(byId.keySet());
        missing.removeAll(firstSeen.keySet());
        for (String eventId : missing) {
            StoreEvent e = byId.get(eventId);
            violations.add(new Violation("topics-match-store", "stored event never published: " + e.streamKey()
                    + " v" + e.version() + " " + e.event().getSchema().getName() + " (event id " + eventId + ")"));
        }
        return new Summary(messages, duplicates);
    }

    private static List<String> compare(TopicEvent m, StoreEvent stored, boolean accountTopic) {
        List<String> wrong = new java.util.ArrayList<>();
        if (stored.account() != accountTopic) {
            wrong.add("on the wrong topic");
        }
        if (!stored.aggregate().equals(m.key())) {
            wrong.add("key " + m.key());
        }
        if (!stored.aggregate().equals(m.header(LedgerHeaders.AGGREGATE_ID))) {
            wrong.add(LedgerHeaders.AGGREGATE_ID + " " + m.header(LedgerHeaders.AGGREGATE_ID));
        }
        if (!Long.toString(stored.version()).equals(m.header(LedgerHeaders.AGGREGATE_VERSION))) {
            wrong.add(LedgerHeaders.AGGREGATE_VERSION + " " + m.header(LedgerHeaders.AGGREGATE_VERSION));
        }
        if (!stored.event().getSchema().getFullName().equals(m.header(LedgerHeaders.EVENT_TYPE))) {
            wrong.add(LedgerHeaders.EVENT_TYPE + " " + m.header(LedgerHeaders.EVENT_TYPE));
        }
        if (!stored.event().equals(m.value())) {
            wrong.add("payload");
        }
        return wrong;
    }
}
