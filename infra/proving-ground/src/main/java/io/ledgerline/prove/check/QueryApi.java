package io.ledgerline.prove.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The query API of PRODUCT.md §5, read with an operator token; transient failures are retried a few times. */
public final class QueryApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 5;

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    public QueryApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public Optional<JsonNode> account(String accountId) {
        return find("/api/v1/accounts/" + accountId);
    }

    public Optional<JsonNode> transfer(String transferId) {
        return find("/api/v1/transfers/" + transferId);
    }

    public JsonNode summary(String ownerId) {
        return find("/api/v1/owners/" + ownerId + "/summary")
                .orElseThrow(() -> new IllegalStateException("no summary for " + ownerId));
    }

    /** Every statement line of an account, newest first, across all pages. */
    public List<JsonNode> statement(String accountId) {
        return pages("/api/v1/accounts/" + accountId + "/transactions?limit=200");
    }

    /** Every account of the read model, across all pages. */
    public List<JsonNode> accounts() {
        return pages("/api/v1/accounts?limit=200");
    }

    private List<JsonNode> pages(String first) {
        List<JsonNode> items = new ArrayList<>();
        String path = first;
        while (path != null) {
            JsonNode page = find(path).orElseThrow(() -> new IllegalStateException("404 listing " + first));
            page.path("items").forEach(items::add);
            JsonNode next = page.path("nextCursor");
            path = next.isTextual() ? first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8)
                    : null;
        }
        return items;
    }

    /** GET {@code path}: the body on 200, empty on 404. */
    public Optional<JsonNode> find(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        String failure = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Optional.of(JSON.readTree(response.body()));
                }
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                failure = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("GET " + path + " failed " + TRIES + " times: " + failure);
    }
}
