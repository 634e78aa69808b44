package io.ledgerline.prove.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> said = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void takesAnInstanceOutOfRotationWhileItsReadinessProbeFailsAndBackWhenItAnswers() throws IOException {
        AtomicInteger bStatus = new AtomicInteger(200);
        String a = instance(new AtomicInteger(200));
        String b = instance(bStatus);
        try (LoadBalancer balancer = LoadBalancer.healthChecked(List.of(a, b), Duration.ofMillis(50), said::add)) {
            assertThat(picks(balancer, 4)).containsExactlyInAnyOrder(a, b, a, b);

            bStatus.set(503);
            await().atMost(Duration.ofSeconds(5)).until(() -> balancer.outOfRotation().contains(b));
            assertThat(picks(balancer, 4)).containsOnly(a);

            bStatus.set(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> balancer.outOfRotation().isEmpty());
            assertThat(picks(balancer, 4)).contains(a, b);
            assertThat(said).contains(b + " out of rotation (readiness probe failed)", b + " back in rotation");
        }
    }

    @Test
    void aFailedRequestTakesTheInstanceOutAndWithNoneLeftItTriesThemAll() throws IOException {
        String a = instance(new AtomicInteger(200));
        String b = instance(new AtomicInteger(200));
        try (LoadBalancer balancer = LoadBalancer.healthChecked(List.of(a, b), Duration.ofMinutes(10), said::add)) {
            // the first round of probes would otherwise put a failed instance straight back
            await().atMost(Duration.ofSeconds(5)).until(() -> balancer.probeRounds() >= 1);
            assertThat(balancer.outOfRotation()).isEmpty();
            balancer.failed(a);
            assertThat(picks(balancer, 3)).containsOnly(b);

            balancer.failed(b);
            assertThat(picks(balancer, 4)).contains(a, b);
        }
    }

    @Test
    void plainRoundRobinIgnoresFailures() {
        LoadBalancer balancer = LoadBalancer.roundRobin(List.of("http://a", "http://b"));
        balancer.failed("http://a");
        assertThat(picks(balancer, 4)).containsExactly("http://a", "http://b", "http://a", "http://b");
    }

    private static List<String> picks(LoadBalancer balancer, int n) {
        return IntStream.range(0, n).mapToObj(i -> balancer.next()).toList();
    }

    private String instance(AtomicInteger readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(readiness.get(), -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
