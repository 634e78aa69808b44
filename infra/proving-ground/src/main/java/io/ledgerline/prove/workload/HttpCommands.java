package io.ledgerline.prove.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command API over HTTP, as a client of PRODUCT.md §3 would call it; every call becomes an {@link Attempt}.
 * In the {@link Style#RESPOND_ASYNC} style a 202 is followed to its {@code Location} (polled after 5 ms, then at
 * doubling intervals up to 40 ms) until the command's status is final; the attempt ends there.
 */
public final class HttpCommands {

    /** How a command is sent. */
    public enum Style {
        PLAIN("plain"),
        /** An {@code Idempotency-Key} on every request, derived from the operation's id (retries reuse it). */
        IDEMPOTENCY_KEY("Idempotency-Key on every request"),
        /** {@code Prefer: respond-async}, then the status resource until SUCCEEDED, REJECTED or FAILED. */
        RESPOND_ASYNC("Prefer: respond-async, status polled until final");

        private final String label;

        Style(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LONGEST_POLL_MILLIS = 40;

    private final LoadBalancer instances;
    private final Duration timeout;
    private final java.util.concurrent.atomic.AtomicLong statusPolls = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Sends to the instances of the command-service through {@code instances}, as through a load balancer in front
     * of them; a status resource is read where its command was sent. A request that fails without an answer takes
     * its instance out of rotation.
     */
    public HttpCommands(LoadBalancer instances, Duration timeout) {
        this.instances = instances;
        this.timeout = timeout;
    }

    /** GETs of a command's status resource so far (respond-async style). */
    public long statusPolls() {
        return statusPolls.get();
    }

    public Attempt execute(Operation op, String token, String correlationId) {
        return execute(op, token, correlationId, Style.PLAIN);
    }

    public Attempt execute(Operation op, String token, String correlationId, Style style) {
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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("X-Correlation-Id", correlationId);
        if (style == Style.IDEMPOTENCY_KEY) {
            headers.put("Idempotency-Key", "k-" + op.key().replace('|', '-'));
        } else if (style == Style.RESPOND_ASYNC) {
            headers.put("Prefer", "respond-async");
        }
        String baseUrl = instances.next();
        long start = System.nanoTime();
        try {
            Http1.Response response = Http1.send("POST", URI.create(baseUrl + path), headers, body.toString(), timeout);
            if (style == Style.RESPOND_ASYNC && response.status() == 202 && response.location() != null) {
                return followStatus(baseUrl, start, response.location(), token);
            }
            return classify(start, response);
        } catch (ConnectException e) {
            // Refused before anything was sent (the service is down): it cannot have been applied.
            instances.failed(baseUrl);
            return new Attempt(start, System.nanoTime(), Outcome.NOT_SENT, 0, "connection-refused", 0);
        } catch (IOException e) {
            instances.failed(baseUrl);
            return new Attempt(start, System.nanoTime(), Outcome.UNKNOWN, 0, e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(start, System.nanoTime(), Outcome.UNKNOWN, 0, "interrupted", 0);
        }
    }

    /** Polls the command's status until it is final: SUCCEEDED is OK, REJECTED refused, FAILED or none unknown. */
    private Attempt followStatus(String baseUrl, long start, String location, String token)
            throws IOException, InterruptedException {
        URI poll = URI.create(baseUrl).resolve(location);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
        long deadline = start + timeout.toNanos();
        long wait = FIRST_POLL_MILLIS;
        while (true) {
            Thread.sleep(wait);
            wait = Math.min(LONGEST_POLL_MILLIS, wait * 2);
            statusPolls.incrementAndGet();
            Http1.Response response = Http1.send("GET", poll, headers, null, timeout);
            long end = System.nanoTime();
            JsonNode body = parse(response.body());
            String status = body.path("status").asText("");
            if (response.status() == 200 && status.equals("SUCCEEDED")) {
                return new Attempt(start, end, Outcome.OK, 200, "SUCCEEDED",
                        body.path("result").path("version").asLong(0));
            }
            if (response.status() == 200 && status.equals("REJECTED")) {
                return new Attempt(start, end, Outcome.REJECTED, 200, body.path("code").asText("REJECTED"), 0);
            }
            if ((response.status() == 200 && status.equals("FAILED")) || end > deadline) {
                return new Attempt(start, end, Outcome.UNKNOWN, response.status(),
                        status.isEmpty() ? "status-" + response.status() : "async-" + status, 0);
            }
        }
    }

    private static Attempt classify(long start, Http1.Response response) {
        long end = System.nanoTime();
        int status = response.status();
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
