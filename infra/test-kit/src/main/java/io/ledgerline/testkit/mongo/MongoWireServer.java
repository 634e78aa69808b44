package io.ledgerline.testkit.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB-wire stand-in: mongo-java-server on a port, in memory (tests) or durable on disk (local stack).
 * {@link #main} runs it as its own process: {@code MongoWireServer <port> <data-file>}.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private MongoWireServer(MongoBackend backend, String host, int port) {
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /** An in-memory server on a free loopback port. */
    public static MongoWireServer inMemory() {
        return new MongoWireServer(new InMemoryBackend(), "127.0.0.1", 0);
    }

    /** A server whose data lives in {@code file}, committed before each write is acknowledged. */
    public static MongoWireServer onDisk(Path file, String host, int port) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new MongoWireServer(new DurableH2Backend(file.toAbsolutePath().toString()), host, port);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MongoWireServer <port> <data-file>");
            System.exit(2);
        }
        MongoWireServer server = onDisk(Path.of(args[1]), "127.0.0.1", Integer.parseInt(args[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        System.out.println("MongoDB-wire server listening on 127.0.0.1:" + server.port() + " with data in " + args[1]);
        stopped.await();
    }
}
