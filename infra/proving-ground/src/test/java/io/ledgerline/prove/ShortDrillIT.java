package io.ledgerline.prove;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.prove.check.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's fault drill: the whole system as separate processes (the run-local launcher) with two instances of
 * each service behind the drill's health-checked load balancer, a small seeded workload over HTTP and the command
 * topic, and one SIGKILL and restart of the second instance of each service, Kafka, PostgreSQL and MongoDB-wire
 * while it runs; the first instances take over the killed ones' segments and partitions. Fails on any invariant
 * violation, a refusal decided on a stale copy of an account included.
 *
 * <p>{@code -Dledgerline.drill.instances=1,1} runs the one-instance drill (every process killed once, about three
 * minutes); {@code -Dledgerline.drill.targets=command-service,query-service,kafka,postgres,mongo} kills every
 * instance (about eight minutes with two of each: a service JVM restarting beside three others on two cores needs
 * 60–110 s). Longer drills and the benchmark are flags of {@code infra/prove}.
 */
class ShortDrillIT {

    @Test
    void everyInvariantHoldsAfterEachProcessIsKilledAndRestartedUnderLoad() throws Exception {
        Path root = Path.of(System.getProperty("ledgerline.root", "../..")).toAbsolutePath().normalize();
        Path output = Path.of("target", "drill-" + System.currentTimeMillis()).toAbsolutePath();
        ProveOptions options = ProveOptions.parse(List.of(
                "--seed", Long.toString(Long.getLong("ledgerline.drill.seed", 5)),
                "--instances", System.getProperty("ledgerline.drill.instances", "2,2"),
                "--duration", "10s",
                "--concurrency", "4",
                "--rate", "30", // below what the transfer process settles on two cores, so the drain after it is short
                "--accounts", "20",
                "--via-kafka", "0.2",
                "--retry", "0.2",
                "--faults", "each-once",
                "--fault-kinds", "kill",
                "--fault-targets", System.getProperty("ledgerline.drill.targets", defaultTargets()),
                "--fault-interval", "4s",
                "--quiesce-timeout", "120s",
                "--output", output.toString()), root);

        ProveRun.Result result = new ProveRun(options, root, System.out).run();

        assertThat(result.violations()).as("invariant violations; report in %s", result.output())
                .extracting(Violation::toString).isEmpty();
        assertThat(result.check().accounts()).isEqualTo(20);
        assertThat(result.check().transfers()).isPositive();
    }

    /** With instances, their second ones (the first ones carry on); alone, every process. */
    private static String defaultTargets() {
        return System.getProperty("ledgerline.drill.instances", "2,2").equals("1,1")
                ? "command-service,query-service,kafka,postgres,mongo"
                : "command-service-2,query-service-2,kafka,postgres,mongo";
    }
}
