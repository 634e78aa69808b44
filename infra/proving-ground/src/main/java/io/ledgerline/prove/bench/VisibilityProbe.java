package io.ledgerline.prove.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Http1;
import io.ledgerline.prove.workload.LoadBalancer;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Visibility lag, sampled: for one acknowledged operation in {@code every}, reads the account (or transfer) with
 * {@code ?minVersion=} the acknowledged version until the query API serves it. Ack → visible is measured on this
 * side; event commit → visible is the served document's {@code updatedAt} (the event's timestamp) to the moment it
 * was served, same clock. The server's minVersion wait polls every 10-100 ms, so both are upper bounds by up to
 * ~50 ms. A probe starts the moment its command is acknowledged, on a thread of its own (up to {@code threads} at
 * once); when none is free it is dropped rather than queued, since a queued probe would measure its wait in the
 * queue. So a slow query-service never slows the workload down, and every figure is a visibility.
 */
public final class VisibilityProbe implements Workload.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final LoadBalancer instances;
    private final String token;
    private final int every;
    private final Timeline timeline;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final ThreadPoolExecutor pool;

    /** Reads from the query-service instances through {@code instances}. */
    public VisibilityProbe(LoadBalancer instances, String token, int every, Timeline timeline) {
        this(instances, token, every, timeline, 16);
    }

    /** With at most {@code threads} probing at once. */
    public VisibilityProbe(LoadBalancer instances, String token, int every, Timeline timeline, int threads) {
        this.instances = instances;
        this.token = token;
        this.every = every;
        this.timeline = timeline;
        this.pool = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "prove-visibility");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> dropped.incrementAndGet());
    }

    /** Probes started (one acknowledged command in {@code every}). */
    public long probed() {
        return pool.getTaskCount();
    }

    @Override
    public void attempted(Operation operation, Attempt attempt) {
        if (attempt.outcome() != Outcome.OK || attempt.version() <= 0 || operation.kind() == Operation.Kind.OPEN
                || seen.incrementAndGet() % every != 0) {
            return;
        }
        pool.execute(() -> probe(operation, attempt));
    }

    private void probe(Operation operation, Attempt attempt) {
        boolean transfer = operation.kind() == Operation.Kind.TRANSFER;
        String path = transfer ? "/api/v1/transfers/" + operation.referenceId()
                : "/api/v1/accounts/" + operation.accountId();
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
        long deadline = attempt.endNanos() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            String queryUrl = instances.next();
            URI uri = URI.create(queryUrl + path + "?minVersion=" + attempt.version());
            try {
                Http1.Response response = Http1.send("GET", uri, headers, null, Duration.ofSeconds(10));
                if (response.status() == 200) {
                    long visible = System.nanoTime();
                    JsonNode body = JSON.readTree(response.body());
                    long commitToVisible = -1;
                    if (body.path("version").asLong() == attempt.version()) {
                        String stamp = transfer
                                ? body.path(attempt.version() == 1 ? "requestedAt" : "completedAt").asText(null)
                                : body.path("updatedAt").asText(null);
                        if (stamp != null) {
                            commitToVisible = Math.max(0, System.currentTimeMillis()
                                    - Instant.parse(stamp).toEpochMilli());
                        }
                    }
                    timeline.visible(attempt.endNanos(), visible, commitToVisible);
                    return;
                }
                if (response.status() != 503 && response.status() != 404) {
                    break;
                }
            } catch (Exception e) {
                instances.failed(queryUrl);
                pause();
            }
        }
        gaveUp.incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long gaveUp() {
        return gaveUp.get();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(70, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
