package io.ledgerline.local;

import com.sun.net.httpserver.HttpServer;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Stands in for a service jar in {@link LocalStackIT} until the real ones exist: writes down the arguments and
 * LEDGERLINE_* environment it was started with (to the file named by {@code --fake.record}) and reports ready.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        Properties seen = new Properties();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            seen.setProperty(arg.substring(2, eq), arg.substring(eq + 1));
        }
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("LEDGERLINE_")) {
                seen.setProperty("env." + name, value);
            }
        });
        try (Writer out = Files.newBufferedWriter(Path.of(seen.getProperty("fake.record")))) {
            seen.store(out, null);
        }
        HttpServer server = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(seen.getProperty("server.port"))), 16);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }
}
