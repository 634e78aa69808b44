package io.ledgerline.testkit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tests' HTTP client for one service: the JDK's client, so every status and header is seen as a client sees
 * it, and bodies are sent byte for byte as given, so malformed and hostile requests reach the server exactly as a
 * client could send them. A null token sends no Authorization header. (The proving ground's load generator has a
 * cheaper client of its own, {@code Http1}: this one's CPU per request would be measured as the system's.)
 */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back; {@code body} is the raw text, {@link #json()} reads it. */
    public record Response(int status, HttpHeaders headers, String body) {

        /** The body as JSON; a JSON null for an empty body. */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem code of a problem+json answer. */
        public String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpApi(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HttpApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** POST with {@code body} as given (null for none); Content-Type application/json unless a header names one. */
    public Response post(String path, String token, String body, String... headers) {
        return send("POST", path, token, body, headers);
    }

    /** POST with {@code body} written as JSON (a record, a map; null for none). */
    public Response postJson(String path, String token, Object body, String... headers) {
        return post(path, token, body == null ? null : write(body), headers);
    }

    public Response get(String path, String token, String... headers) {
        return send("GET", path, token, null, headers);
    }

    /** Any method; {@code headers} as name, value pairs. */
    public Response send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        Map<String, String> extra = new LinkedHashMap<>(); // a header named twice: the later value
        for (int i = 0; i + 1 < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        extra.forEach(builder::header);
        if (body != null && extra.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JSON object of name, value pairs, in that order. */
    public static String json(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return write(map);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
