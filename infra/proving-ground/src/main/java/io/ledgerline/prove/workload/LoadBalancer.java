package io.ledgerline.prove.workload;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a load balancer in front of a service's instances does, for the proving ground's clients: round-robin over
 * the instances in rotation. An instance leaves the rotation when a request to it fails (connection refused, a
 * timeout: passive checks) or its readiness probe does (active checks, every {@code interval}, 1 s timeout), and
 * comes back when the probe answers 200 again, as nginx's or Envoy's health checks would. With no instance in
 * rotation it tries them all in turn rather than refusing to send. Hand-written because the clients here are the
 * JDK's sockets, and a real proxy process would be one more JVM on two cores.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final List<String> urls;
    private final Set<String> out = ConcurrentHashMap.newKeySet();
    private final AtomicLong next = new AtomicLong();
    private final Consumer<String> say;
    private final Thread prober;
    private final AtomicLong probeRounds = new AtomicLong();
    private volatile boolean closed;

    private LoadBalancer(List<String> urls, Duration interval, Consumer<String> say) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no instance to balance over");
        }
        this.urls = List.copyOf(urls);
        this.say = say;
        if (interval == null || urls.size() == 1) {
            this.prober = null; // nothing to choose between
        } else {
            this.prober = new Thread(() -> probe(interval), "prove-balancer");
            prober.setDaemon(true);
            prober.start();
        }
    }

    /** Plain round-robin, no health checks. */
    public static LoadBalancer roundRobin(List<String> urls) {
        return new LoadBalancer(urls, null, message -> { });
    }

    /** Round-robin over the instances whose readiness probe answers; {@code say} hears them leave and return. */
    public static LoadBalancer healthChecked(List<String> urls, Duration interval, Consumer<String> say) {
        return new LoadBalancer(urls, interval, say);
    }

    /** The instance for the next request. */
    public String next() {
        int size = urls.size();
        long start = next.getAndIncrement();
        for (int i = 0; i < size; i++) {
            String url = urls.get((int) ((start + i) % size));
            if (!out.contains(url)) {
                return url;
            }
        }
        return urls.get((int) (start % size));
    }

    /** A request to {@code url} failed without an answer: out of rotation until its probe answers again. */
    public void failed(String url) {
        if (prober != null && out.add(url)) {
            say.accept(url + " out of rotation (a request failed)");
        }
    }

    /** The instances out of rotation right now. */
    public Set<String> outOfRotation() {
        return Set.copyOf(out);
    }

    /** How many rounds of probes have completed (a test waits for the first before it fails an instance). */
    long probeRounds() {
        return probeRounds.get();
    }

    private void probe(Duration interval) {
        while (!closed) {
            for (String url : urls) {
                boolean ready = ready(url);
                if (ready && out.remove(url)) {
                    say.accept(url + " back in rotation");
                } else if (!ready && out.add(url)) {
                    say.accept(url + " out of rotation (readiness probe failed)");
                }
            }
            probeRounds.incrementAndGet();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean ready(String url) {
        try {
            return Http1.send("GET", URI.create(url + "/actuator/health/readiness"), Map.of(), null, PROBE_TIMEOUT)
                    .status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (prober != null) {
            prober.interrupt();
        }
    }
}
