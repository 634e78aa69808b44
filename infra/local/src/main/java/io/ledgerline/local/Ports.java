package io.ledgerline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every port the local stack listens on (all on 127.0.0.1). */
public record Ports(int postgres, int kafka, int kafkaController, int mongo, int commandService, int queryService,
                    int jwks) {

    public static final Ports DEFAULTS = new Ports(55432, 59092, 59093, 57017, 8081, 8082, 59080);

    public Ports {
        Set<Integer> seen = new HashSet<>();
        for (int port : List.of(postgres, kafka, kafkaController, mongo, commandService, queryService, jwks)) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (!seen.add(port)) {
                throw new IllegalArgumentException("port " + port + " is used twice");
            }
        }
    }

    /** The defaults, each overridable by its {@link #environmentVariable environment variable}. */
    public static Ports fromEnvironment(Map<String, String> env) {
        return new Ports(port(env, "postgres"), port(env, "kafka"), port(env, "kafka controller"), port(env, "mongo"),
                port(env, "command-service"), port(env, "query-service"), port(env, "jwks"));
    }

    /** Seven currently free ports, for tests and drills that run next to a developer's stack. */
    public static Ports free() {
        int[] p = freePorts(7);
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }

    /** {@code count} distinct ports free at this moment on loopback (held together, so never the same twice). */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot matter
                }
            });
        }
    }

    /** Port by component, in start order, for messages. */
    public Map<String, Integer> byComponent() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgres", postgres);
        ports.put("kafka", kafka);
        ports.put("kafka controller", kafkaController);
        ports.put("mongo", mongo);
        ports.put("jwks", jwks);
        ports.put("command-service", commandService);
        ports.put("query-service", queryService);
        return ports;
    }

    /** The environment variable that sets a component's port, e.g. LEDGERLINE_KAFKA_PORT for "kafka". */
    public static String environmentVariable(String component) {
        return switch (component) {
            case "postgres" -> "LEDGERLINE_PG_PORT";
            case "kafka" -> "LEDGERLINE_KAFKA_PORT";
            case "kafka controller" -> "LEDGERLINE_KAFKA_CONTROLLER_PORT";
            case "mongo" -> "LEDGERLINE_MONGO_PORT";
            case "jwks" -> "LEDGERLINE_JWKS_PORT";
            case "command-service" -> "LEDGERLINE_COMMAND_PORT";
            case "query-service" -> "LEDGERLINE_QUERY_PORT";
            default -> throw new IllegalArgumentException("no component " + component);
        };
    }

    /** Whether nothing listens on 127.0.0.1:port right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the servers do: a port in TIME_WAIT after a kill is usable
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(Map<String, String> env, String component) {
        String name = environmentVariable(component);
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return DEFAULTS.byComponent().get(component);
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
    }
}
