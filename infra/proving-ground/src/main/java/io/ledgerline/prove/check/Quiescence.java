package io.ledgerline.prove.check;

import io.ledgerline.contracts.Topics;
import io.ledgerline.prove.bench.Prometheus;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits, bounded, until the system is at rest: no transfer in flight and every transfer stream terminal, no
 * command pending, every event processor of the command-service at the event store head (publication lag 0), and
 * the query-service's consumer group committed up to the end of both event topics (it commits only after MongoDB
 * acknowledged). Returns what still was not at rest when time ran out (empty: quiescent).
 */
public final class Quiescence {

    private final String jdbcUrl;
    private final String user;
    private final Map<String, Object> kafka;
    private final Prometheus commandMetrics;
    private final String queryGroup;

    /** However much progress it makes, a drain longer than this is a failure to quiesce. */
    static final Duration HARD_LIMIT = Duration.ofMinutes(30);

    public Quiescence(String jdbcUrl, String user, Map<String, Object> kafka, Prometheus commandMetrics, String queryGroup) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.kafka = kafka;
        this.commandMetrics = commandMetrics;
        this.queryGroup = queryGroup;
    }

    /**
     * Waits until nothing is moving. {@code stall} bounds the wait without progress: as long as the backlog (transfers
     * in flight, pending commands, processor and consumer lag) keeps shrinking, a big backlog may take its time to
     * drain, up to {@link #HARD_LIMIT}. Returns what was still busy when it gave up; empty when at rest.
     */
    public List<String> await(Duration stall, Consumer<String> progress) throws InterruptedException {
        long start = System.nanoTime();
        long hardDeadline = start + Math.max(stall.toNanos(), HARD_LIMIT.toNanos());
        long stallDeadline = start + stall.toNanos();
        long best = Long.MAX_VALUE;
        long nextReport = start;
        while (true) {
            Status status = status();
            long now = System.nanoTime();
            if (status.busy().isEmpty()) {
                return List.of();
            }
            if (status.backlog() < best) {
                best = status.backlog();
                stallDeadline = now + stall.toNanos();
            }
            if (now > stallDeadline || now > hardDeadline) {
                List<String> busy = new ArrayList<>(status.busy());
                busy.add(now > hardDeadline ? "still draining after " + HARD_LIMIT.toMinutes() + " min"
                        : "no progress for " + stall.toSeconds() + " s");
                return busy;
            }
            if (now >= nextReport) {
                progress.accept("waiting for quiescence: " + String.join("; ", status.busy()));
                nextReport = now + TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(1000);
        }
    }

    /** What is still moving, and how much work that is (rows, events, records) for telling progress. */
    record Status(List<String> busy, long backlog) {
    }

    /** What is still moving right now. */
    Status status() {
        List<String> busy = new ArrayList<>();
        long[] backlog = {0};
        try {
            long inFlight = EventStoreSnapshot.count(jdbcUrl, user, "select count(*) from transfer_in_flight");
            long open = EventStoreSnapshot.count(jdbcUrl, user, """
                    select count(*) from (select aggregateidentifier from domainevententry
                    where aggregateidentifier like 'transfer:%' group by aggregateidentifier
                    having max(sequencenumber) = 0) t""");
            long pending = EventStoreSnapshot.count(jdbcUrl, user,
                    "select count(*) from command_status where status = 'PENDING'");
            backlog[0] += inFlight + open + pending;
            if (inFlight + open > 0) {
                busy.add(inFlight + " transfer rows in flight, " + open + " transfers not terminal");
            }
            if (pending > 0) {
                busy.add(pending + " commands PENDING");
            }
        } catch (Exception e) {
            busy.add("event store unreadable: " + e.getMessage());
        }
        try {
            Map<String, Double> lags = commandMetrics.scrape().byLabel("ledger_processor_lag", "processor");
            if (lags.isEmpty()) {
                busy.add("no ledger_processor_lag metric yet");
            }
            lags.forEach((processor, lag) -> {
                if (lag.isNaN() || lag > 0) {
                    busy.add("processor " + processor + " lag " + lag);
                    backlog[0] += lag.isNaN() ? 0 : lag.longValue();
                }
            });
        } catch (Exception e) {
            busy.add("command-service metrics unreadable: " + e.getMessage());
        }
        try {
            long behind = consumerLag();
            backlog[0] += behind;
            if (behind > 0) {
                busy.add("query-service consumer group " + behind + " records behind");
            }
        } catch (Exception e) {
            busy.add("consumer lag unreadable: " + e.getMessage());
        }
        return new Status(busy, backlog[0]);
    }

    /** End offsets minus the query-service group's committed offsets, summed over both event topics. */
    public long consumerLag() throws Exception {
        try (Admin admin = Admin.create(KafkaUsers.config(kafka,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            return committedLag(admin, queryGroup);
        }
    }

    /**
     * End offsets minus {@code group}'s committed offsets, summed over both event topics: what the group has not
     * finished with (the query-service commits only after MongoDB acknowledged), unlike its consumer's fetch lag.
     */
    public static long committedLag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)).allTopicNames()
                .get(10, TimeUnit.SECONDS).values().forEach(d -> d.partitions().forEach(p ->
                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            behind += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return behind;
    }
}
