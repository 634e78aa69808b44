package io.ledgerline.testkit.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves a public JWK set at {@value #PATH}, the way an identity provider does, so the services verify
 * local tokens through the same JWK-set-URI path they use in production. The JDK's server is enough for one
 * small static document.
 */
public final class JwksServer implements AutoCloseable {

    public static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    /** On loopback only, as the local stack and the tests need it. */
    public static JwksServer start(JWKSet publicKeys, int port) throws IOException {
        return start(publicKeys, new InetSocketAddress("127.0.0.1", port));
    }

    public static JwksServer start(JWKSet publicKeys, InetSocketAddress address) throws IOException {
        byte[] body = publicKeys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(address, 16);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new JwksServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String uri() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
