package io.ledgerline.prove.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.prove.report.Timeline;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Visibility lag, sampled: for one acknowledged operation in {@code every}, reads the account (or transfer) with
 * {@code ?minVersion=} the acknowledged version until the query API serves it. Ack → visible is measured on this
 * side; event commit → visible is the served document's {@code updatedAt} (the event's timestamp) to the moment it
 * was served, same clock. The server's minVersion wait polls every 10-100 ms, so both are upper bounds by up to
 * ~100 ms. Probes run on a few threads (two unless told) with a small queue and are dropped when it is full, so a
 * slow query-service never slows the workload down.
 */
public final class VisibilityProbe implements Workload.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String queryUrl;
    private final String token;
    private final int every;
    private final Timeline timeline;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final ThreadPoolExecutor pool;

    public VisibilityProbe(HttpClient http, String queryUrl, String token, int every, Timeline timeline) {
        this(http, queryUrl, token, every, timeline, 2);
    }

    /** With {@code threads} probing at once (and a queue of 25 per thread). */
    public VisibilityProbe(HttpClient http, String queryUrl, String token, int every, Timeline timeline,
                           int threads) {
        this.http = http;
        this.queryUrl = queryUrl;
        this.token = token;
        this.every = every;
        this.timeline = timeline;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(25 * threads), r -> {
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + path + "?minVersion=" + attempt.version()))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
        long deadline = attempt.endNanos() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
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
                if (response.statusCode() != 503 && response.statusCode() != 404) {
                    break;
                }
            } catch (Exception e) {
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
