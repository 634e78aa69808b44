package io.ledgerline.query.projection;

import io.ledgerline.query.QueryProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which read-model generation serves reads ({@code activeGeneration}) and which one a rebuild is filling
 * ({@code buildingGeneration}), as kept in the {@code projection_meta} document. Every instance re-reads it
 * periodically; while a generation is being built, live events are written to it as well, so nothing the live
 * consumer handles during a rebuild is missing from the new generation when reads switch over.
 */
@Component
public class Generations {

    public static final String META_COLLECTION = "projection_meta";
    public static final String META_ID = "read-models";
    public static final String ACTIVE = "activeGeneration";
    public static final String BUILDING = "buildingGeneration";

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private record State(ReadModelCollections active, ReadModelCollections building) {
    }

    private final MongoTemplate mongo;
    private final QueryProperties properties;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-generations");
        thread.setDaemon(true);
        return thread;
    });
    private volatile State state;

    public Generations(MongoTemplate mongo, QueryProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @PostConstruct
    void start() {
        try {
            mongo.insert(new Document("_id", META_ID).append(ACTIVE, 1L), META_COLLECTION);
        } catch (DuplicateKeyException exists) {
            // another instance, or an earlier run, created it
        }
        refresh();
        long period = properties.generationRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    public ReadModelCollections active() {
        return state.active();
    }

    /** The generations a live event goes to: the active one, and the one being rebuilt, if any. */
    public List<ReadModelCollections> writeTargets() {
        State current = state;
        return current.building() == null ? List.of(current.active()) : List.of(current.active(), current.building());
    }

    public void refresh() {
        Document meta = mongo.findById(META_ID, Document.class, META_COLLECTION);
        if (meta == null) {
            throw new IllegalStateException(META_COLLECTION + " document " + META_ID + " is missing");
        }
        ReadModelCollections active = new ReadModelCollections(meta.get(ACTIVE, Number.class).longValue());
        Number building = meta.get(BUILDING, Number.class);
        State next = new State(active, building == null ? null : new ReadModelCollections(building.longValue()));
        if (state != null && !state.equals(next)) {
            log.info("read-model generations now active={} building={}", next.active().generation(),
                    next.building() == null ? "-" : next.building().generation());
        }
        state = next;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("cannot refresh read-model generations, keeping the last known: {}", e.toString());
        }
    }
}
