package io.ledgerline.query.admin;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.query.QueryProperties;
import io.ledgerline.query.kafka.EventRecordDecoder;
import io.ledgerline.query.kafka.InvalidEventException;
import io.ledgerline.query.projection.EventDispatcher;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.projection.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the read models from offset 0 into the next generation, then switches reads over (PRODUCT.md §8).
 *
 * <ol>
 *   <li>Claim: {@code projection_meta} gets {@code buildingGeneration = active + 1} unless a rebuild with a live
 *       heartbeat is running. From then on every instance's live consumer also writes each event it handles into
 *       the new generation (where it parks until the rebuild reaches that aggregate).</li>
 *   <li>A separate consumer, manually assigned to every partition of both event topics, reads from the beginning
 *       into the new generation, a poll at a time through the same batch projector as the live consumer, and
 *       never commits offsets.</li>
 *   <li>When it has reached the end offsets, and every instance has had time to see the claim (two generation
 *       refresh periods), the switch makes the new generation active. Every event is then in it: either read by
 *       the rebuild (it was below an end offset the rebuild reached) or written by a live consumer that already
 *       dual-wrote.</li>
 * </ol>
 * The previous generation is kept for inspection and dropped by the rebuild after next.
 */
@Service
public class RebuildService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT_EVERY = Duration.ofMillis(500);
    /** Records per poll, each poll one batch of bulk writes: larger than the live consumer's, it only catches up. */
    private static final int MAX_POLL_RECORDS = 2_000;

    private final MongoTemplate mongo;
    private final Generations generations;
    private final ReadModels readModels;
    private final EventDispatcher dispatcher;
    private final EventRecordDecoder decoder;
    private final ConsumerFactory<byte[], byte[]> consumerFactory;
    private final QueryProperties properties;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public RebuildService(MongoTemplate mongo, Generations generations, ReadModels readModels,
            EventDispatcher dispatcher, EventRecordDecoder decoder, ConsumerFactory<byte[], byte[]> consumerFactory,
            QueryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.generations = generations;
        this.readModels = readModels;
        this.dispatcher = dispatcher;
        this.decoder = decoder;
        this.consumerFactory = consumerFactory;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a rebuild unless one is running; either way answers the current status. */
    public RebuildStatus start() {
        ProjectionMeta meta = meta();
        long target = meta.activeGeneration() + 1;
        Instant now = clock.instant();
        Query claim = query(where("_id").is(Generations.META_ID)
                .and(Generations.ACTIVE).is(meta.activeGeneration())
                .orOperator(where("rebuild.state").ne(RebuildState.RUNNING),
                        where("rebuild.heartbeatAt").lt(now.minus(STALE_AFTER))));
        RebuildProgress progress = RebuildProgress.started(target, now);
        Update update = new Update().set(Generations.BUILDING, target).set("rebuild", progress);
        if (mongo.updateFirst(claim, update, ProjectionMeta.class, Generations.META_COLLECTION)
                .getModifiedCount() == 1) {
            log.info("rebuild of read-model generation {} started", target);
            generations.refresh();
            executor.submit(() -> run(progress));
        }
        return status();
    }

    public RebuildStatus status() {
        ProjectionMeta meta = meta();
        RebuildProgress rebuild = meta.rebuild();
        return new RebuildStatus(meta.activeGeneration(), rebuild == null ? RebuildState.IDLE : rebuild.state(),
                rebuild);
    }

    private void run(RebuildProgress started) {
        ReadModelCollections target = new ReadModelCollections(started.targetGeneration());
        RebuildProgress progress = started;
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        try (Consumer<byte[], byte[]> consumer = consumerFactory.createConsumer(
                properties.consumerGroup() + "-rebuild-g" + target.generation(), "ledger-query-rebuild", null,
                overrides)) {
            readModels.drop(target);
            List<TopicPartition> partitions = partitionsOf(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant switchNotBefore = started.startedAt().plus(properties.generationRefresh().multipliedBy(2));
            Instant lastReport = Instant.MIN;
            long applied = 0;
            long skipped = 0;
            while (!stopping) {
                List<EventEnvelope> events = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    try {
                        events.add(decoder.decode(record));
                    } catch (MalformedMessageException | InvalidEventException deadLettered) {
                        // the live consumer dead-lettered it; the aggregate's read model waits at the gap there too
                        skipped++;
                    }
                }
                dispatcher.applyTo(target, events);
                applied += events.size();
                List<PartitionProgress> positions = positions(consumer, partitions);
                boolean caughtUp = positions.stream().allMatch(position -> position.remaining() == 0);
                Instant now = clock.instant();
                progress = progress.running(now, applied, skipped, positions);
                if (caughtUp && !now.isBefore(switchNotBefore)) {
                    switchOver(progress);
                    return;
                }
                if (Duration.between(lastReport, now).compareTo(REPORT_EVERY) >= 0) {
                    report(progress);
                    lastReport = now;
                }
            }
            fail(progress, "stopped: the service shut down");
        } catch (RuntimeException e) {
            log.error("rebuild of read-model generation {} failed", target.generation(), e);
            fail(progress, stopping ? "stopped: the service shut down" : "failed: " + e.getMessage());
        }
    }

    private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS)) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static List<PartitionProgress> positions(Consumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream()
                .map(tp -> new PartitionProgress(tp.topic(), tp.partition(), consumer.position(tp), ends.get(tp)))
                .toList();
    }

    private void report(RebuildProgress progress) {
        mongo.updateFirst(ownClaim(progress), new Update().set("rebuild", progress), ProjectionMeta.class,
                Generations.META_COLLECTION);
    }

    private void switchOver(RebuildProgress progress) {
        Instant now = clock.instant();
        Update update = new Update()
                .set(Generations.ACTIVE, progress.targetGeneration())
                .unset(Generations.BUILDING)
                .set("rebuild", progress.finished(RebuildState.COMPLETED, now, null));
        if (mongo.updateFirst(ownClaim(progress), update, ProjectionMeta.class, Generations.META_COLLECTION)
                .getModifiedCount() == 0) {
            log.warn("rebuild of generation {} lost its claim; not switching", progress.targetGeneration());
            return;
        }
        generations.refresh();
        log.info("read models switched to generation {} after {} events", progress.targetGeneration(),
                progress.eventsApplied());
        long obsolete = progress.targetGeneration() - 2;
        if (obsolete >= 1) {
            readModels.drop(new ReadModelCollections(obsolete));
        }
    }

    private void fail(RebuildProgress progress, String why) {
        try {
            Update update = new Update().unset(Generations.BUILDING)
                    .set("rebuild", progress.finished(RebuildState.FAILED, clock.instant(), why));
            mongo.updateFirst(ownClaim(progress), update, ProjectionMeta.class, Generations.META_COLLECTION);
            generations.refresh();
        } catch (RuntimeException e) {
            log.warn("cannot record the failed rebuild; it will count as stale after {}", STALE_AFTER, e);
        }
    }

    /** Matches the meta document only while this rebuild still holds the claim. */
    private static Query ownClaim(RebuildProgress progress) {
        return query(where("_id").is(Generations.META_ID)
                .and(Generations.BUILDING).is(progress.targetGeneration())
                .and("rebuild.startedAt").is(progress.startedAt()));
    }

    private ProjectionMeta meta() {
        ProjectionMeta meta = mongo.findById(Generations.META_ID, ProjectionMeta.class, Generations.META_COLLECTION);
        if (meta == null) {
            throw new IllegalStateException("projection_meta is missing");
        }
        return meta;
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
