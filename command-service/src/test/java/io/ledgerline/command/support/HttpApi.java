package io.ledgerline.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw HTTP client for the tests: bodies are sent byte for byte as given, so malformed and hostile requests
 * reach the server exactly as a client could send them.
 */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, java.net.http.HttpHeaders headers, String rawBody) {

        public JsonNode json() {
            try {
                return rawBody == null || rawBody.isEmpty() ? JSON.nullNode() : JSON.readTree(rawBody);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + rawBody, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + rawBody;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Response post(String path, String token, String body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(request(path, token, headers).POST(publisher), body != null);
    }

    public Response get(String path, String token, String... headers) {
        return send(request(path, token, headers).GET(), false);
    }

    public Response send(String method, String path, String token, String body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(request(path, token, headers).method(method, publisher), body != null);
    }

    private HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        extra.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder builder, boolean hasBody) {
        HttpRequest probe = builder.build();
        if (hasBody && probe.headers().firstValue("Content-Type").isEmpty()) {
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

    public static String json(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
