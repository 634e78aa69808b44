package io.ledgerline.prove.suite;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Transfer settlement, request → terminal: remembers when each acknowledged transfer was first requested (its
 * first attempt's start), reads {@code ledger.transfer-events.v1} from its end onwards (assigned, no group), and
 * when a transfer's terminal event (completed, rejected, failed) arrives, records the time from the request to
 * that event's {@code ledger-occurred-at} (its commit timestamp; same machine, same clock) in the timeline's
 * window of the request. {@link #pending()} is the number of acknowledged transfers whose terminal event has not
 * been seen yet: the backlog as a client sees it.
 */
public final class TransferWatcher implements Workload.Listener, AutoCloseable {

    private static final Map<String, String> TERMINAL = Map.of(
            "TransferCompleted", "COMPLETED", "TransferRejected", "REJECTED", "TransferFailed", "FAILED");

    private record Requested(long startNanos, long startEpochMillis) {
    }

    private record Terminal(long occurredEpochMillis, String status) {
    }

    private final Timeline timeline;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Requested> waiting = new ConcurrentHashMap<>();
    /** Terminal events that arrived before the prove side saw the 202 (the race is possible, if rare). */
    private final Map<String, Terminal> early = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closing;

    public TransferWatcher(Map<String, Object> bootstrapServers, Timeline timeline) {
        this.timeline = timeline;
        this.consumer = new KafkaConsumer<>(KafkaUsers.config(bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRANSFER_EVENTS, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "prove-transfer-watcher");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void attempted(Operation operation, Attempt attempt) {
        if (operation.kind() != Operation.Kind.TRANSFER || attempt.outcome() != Outcome.OK) {
            return;
        }
        long startEpoch = System.currentTimeMillis() - (System.nanoTime() - attempt.startNanos()) / 1_000_000;
        Requested requested = new Requested(attempt.startNanos(), startEpoch);
        synchronized (this) {
            Terminal seen = early.remove(operation.referenceId());
            if (seen != null) {
                settle(requested, seen);
            } else {
                waiting.putIfAbsent(operation.referenceId(), requested);
            }
        }
    }

    /** Acknowledged transfers whose terminal event has not arrived yet. */
    public int pending() {
        return waiting.size();
    }

    private void read() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String type = header(record, LedgerHeaders.EVENT_TYPE);
                    String occurred = header(record, LedgerHeaders.OCCURRED_AT);
                    String status = type == null ? null : TERMINAL.get(type.substring(type.lastIndexOf('.') + 1));
                    if (status == null || occurred == null || record.key() == null) {
                        continue;
                    }
                    Terminal terminal = new Terminal(Instant.parse(occurred).toEpochMilli(), status);
                    synchronized (this) {
                        Requested requested = waiting.remove(record.key());
                        if (requested != null) {
                            settle(requested, terminal);
                        } else {
                            early.put(record.key(), terminal);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void settle(Requested requested, Terminal terminal) {
        timeline.settled(requested.startNanos(), Math.max(0, terminal.occurredEpochMillis()
                - requested.startEpochMillis()), terminal.status());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
