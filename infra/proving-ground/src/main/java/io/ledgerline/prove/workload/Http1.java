package io.ledgerline.prove.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The load generator's HTTP/1.1 client: the JDK's blocking {@link HttpURLConnection} with keep-alive. The
 * workload shares the machine with the system it measures, and the JDK's {@code java.net.http.HttpClient} spent
 * about 0.3 ms of CPU per request (its asynchronous machinery); this one a fraction of that. Connections are kept
 * per destination, up to {@code http.maxConnections} (raised here, before first use, to one per worker).
 */
public final class Http1 {

    /** What came back: status, the Location header if any, the body. */
    public record Response(int status, String location, String body) {
    }

    static {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "512");
        }
    }

    private Http1() {
    }

    /** Sends a request; {@code body} null for none. A refused connection surfaces as {@link java.net.ConnectException}. */
    public static Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) Math.min(timeout.toMillis(), 2_000));
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text;
        if (in == null) {
            text = "";
        } else {
            try (in) { // read to the end, so the connection goes back to the keep-alive cache
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Response(status, connection.getHeaderField("Location"), text);
    }
}
