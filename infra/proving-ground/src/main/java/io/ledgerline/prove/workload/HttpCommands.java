package io.ledgerline.prove.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The command API over HTTP, as a client of PRODUCT.md §3 would call it; every call becomes an {@link Attempt}. */
public final class HttpCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    public HttpCommands(HttpClient http, String baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public Attempt execute(Operation op, String token, String correlationId) {
        ObjectNode body = JSON.createObjectNode();
        String path;
        switch (op.kind()) {
            case OPEN -> {
                path = "/api/v1/accounts";
                body.put("accountId", op.accountId()).put("ownerId", op.ownerId()).put("currency", op.currency())
                        .put("overdraftLimit", op.overdraftLimit());
            }
            case DEPOSIT, WITHDRAW -> {
                path = "/api/v1/accounts/" + op.accountId()
                        + (op.kind() == Operation.Kind.DEPOSIT ? "/deposits" : "/withdrawals");
                body.put("transactionId", op.referenceId()).put("amount", op.amount()).put("currency", op.currency());
            }
            case TRANSFER -> {
                path = "/api/v1/transfers";
                body.put("transferId", op.referenceId()).put("sourceAccountId", op.accountId())
                        .put("destinationAccountId", op.counterpartyId()).put("amount", op.amount())
                        .put("currency", op.currency());
            }
            default -> throw new IllegalArgumentException(op.kind().name());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return classify(start, response);
        } catch (ConnectException e) {
            // Refused before anything was sent (the service is down): it cannot have been applied.
            return new Attempt(start, System.nanoTime(), Outcome.NOT_SENT, 0, "connection-refused", 0);
        } catch (IOException e) {
            return new Attempt(start, System.nanoTime(), Outcome.UNKNOWN, 0, e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(start, System.nanoTime(), Outcome.UNKNOWN, 0, "interrupted", 0);
        }
    }

    private static Attempt classify(long start, HttpResponse<String> response) {
        long end = System.nanoTime();
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return new Attempt(start, end, Outcome.OK, status, null, body.path("version").asLong(0));
        }
        String code = body.path("code").asText("");
        // 4xx answers record nothing (validation, refusals, conflicts, rate limit); 5xx may follow a commit.
        Outcome outcome = status >= 400 && status < 500 ? Outcome.REJECTED : Outcome.UNKNOWN;
        return new Attempt(start, end, outcome, status, code.isEmpty() ? null : code, 0);
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
