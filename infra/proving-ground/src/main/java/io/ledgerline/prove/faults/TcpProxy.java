package io.ledgerline.prove.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between the services and Kafka or PostgreSQL that can add delay or cut connections.
 * These machines have no {@code tc netem} (and no privileges to shape traffic), so the faults a network would
 * cause are made here, in user space. Plain blocking sockets with two pump threads per connection: the services
 * open a few dozen connections at most, and this is far easier to reason about than a selector loop.
 */
public final class TcpProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile long delayNanos;
    private volatile boolean refusing;
    private volatile boolean closed;

    public TcpProxy(String name, int listenPort, int targetPort) throws IOException {
        this.name = name;
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
        this.acceptor = new Thread(this::accept, "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every chunk, in both directions, waits this long before it is forwarded; zero turns delay off. */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Closes every open connection at once, as a broken link or a reset would. */
    public int cut() {
        int count = open.size();
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
        return count;
    }

    /** While refusing, new connections are accepted and closed at once (connect succeeds, the first read fails). */
    public void refuse(boolean value) {
        refusing = value;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 5000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[32 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long delay = delayNanos;
                    if (delay > 0) {
                        Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away, or the connection was cut: close both halves below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + name + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cut();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
