package io.ledgerline.prove.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rebuilds the read models from offset 0 through the operator endpoint and reports the rate the rebuild itself
 * measured: events applied between its start and finish timestamps.
 */
public final class RebuildBenchmark {

    public record Result(String state, long eventsApplied, long eventsSkipped, double seconds, double perSecond,
                         String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RebuildBenchmark() {
    }

    public static Result run(HttpClient http, String queryUrl, String operatorToken, Duration patience,
                             Consumer<String> say) throws Exception {
        URI uri = URI.create(queryUrl + "/api/v1/admin/projections/rebuild");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + started.statusCode() + " " + started.body());
        }
        long target = JSON.readTree(started.body()).path("lastRebuild").path("targetGeneration").asLong();
        long deadline = System.nanoTime() + patience.toNanos();
        long nextSay = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + operatorToken).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode last = status.path("lastRebuild");
            String state = last.path("state").asText();
            // Done when the rebuild finished and reads were switched to its generation.
            if (last.path("targetGeneration").asLong() == target && !state.equals("RUNNING")
                    && (!state.equals("COMPLETED") || status.path("activeGeneration").asLong() == target)) {
                double seconds = Duration.between(Instant.parse(last.path("startedAt").asText()),
                        Instant.parse(last.path("finishedAt").asText())).toMillis() / 1000.0;
                long applied = last.path("eventsApplied").asLong();
                return new Result(state, applied, last.path("eventsSkipped").asLong(), seconds,
                        seconds > 0 ? applied / seconds : Double.NaN, last.path("detail").asText(null));
            }
            if (System.nanoTime() > nextSay) {
                say.accept("rebuild of generation " + target + ": " + last.path("eventsApplied").asLong()
                        + " events applied");
                nextSay = System.nanoTime() + 5_000_000_000L;
            }
        }
        throw new IllegalStateException("the rebuild did not finish within " + patience);
    }
}
