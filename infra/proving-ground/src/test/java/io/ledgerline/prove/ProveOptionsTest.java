package io.ledgerline.prove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.prove.faults.Fault;
import io.ledgerline.prove.faults.FaultSettings;
import io.ledgerline.prove.suite.Scenario;
import io.ledgerline.prove.suite.SuiteSettings;
import io.ledgerline.prove.workload.WorkloadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProveOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreAShortFaultFreeRunReportedUnderTarget() {
        ProveOptions o = ProveOptions.parse(List.of(), ROOT);
        assertThat(o.workload().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.workload().concurrency()).isEqualTo(8);
        assertThat(o.faults().mode()).isEqualTo(FaultSettings.Mode.NONE);
        assertThat(o.output().startsWith(Path.of("/repo/target/prove"))).isTrue();
        assertThat(o.benchmark()).isFalse();
    }

    @Test
    void readsEveryKindOfOption() {
        ProveOptions o = ProveOptions.parse(List.of("--seed", "7", "--duration", "5m", "--rate", "40",
                "--mix", "deposit=1,transfer=3", "--zipf", "0.8", "--retry", "0.3", "--via-kafka", "all",
                "--faults", "each-once", "--fault-kinds", "kill,pause", "--fault-targets", "kafka,postgres",
                "--pause", "500ms", "--output", "/tmp/x"), ROOT);
        assertThat(o.workload().seed()).isEqualTo(7);
        assertThat(o.workload().duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.workload().rate()).isEqualTo(40);
        assertThat(o.workload().mix().withdraw()).isZero();
        assertThat(o.workload().viaKafka()).isEqualTo(1.0);
        assertThat(o.faults().mode()).isEqualTo(FaultSettings.Mode.EACH_ONCE);
        assertThat(o.faults().kinds()).containsExactlyInAnyOrder(Fault.Kind.KILL, Fault.Kind.PAUSE);
        assertThat(o.faults().targets()).containsExactly("kafka", "postgres");
        assertThat(o.faults().pause()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.faults().needsProxies()).isFalse();
        assertThat(o.benchmark()).isFalse();
        assertThat(o.warmup()).isZero();
        assertThat(o.output()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void theBenchmarkPinsItsWorkloadAndRunsEveryScenarioByDefault() {
        ProveOptions o = ProveOptions.parse(List.of("--benchmark", "--seed", "9"), ROOT);
        assertThat(o.benchmark()).isTrue();
        assertThat(o.accounts()).isEqualTo(200);
        assertThat(o.skew()).isZero();
        assertThat(o.workload().retryProbability()).isZero();
        assertThat(o.workload().crossCurrencyShare()).isZero();
        assertThat(o.workload().amounts()).isEqualTo(WorkloadSettings.Amounts.BALANCED);
        assertThat(o.workload().seed()).isEqualTo(9);
        SuiteSettings suite = o.suite();
        assertThat(suite.scenarios()).hasSize(10);
        assertThat(suite.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(suite.warmupMinimum()).isEqualTo(Duration.ofSeconds(60));
        assertThat(suite.warmupCap()).isEqualTo(Duration.ofSeconds(240));
        assertThat(suite.baseline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(suite.rebuildEvents()).isEqualTo(100_000);
        assertThat(suite.profile()).isFalse();
    }

    @Test
    void readsTheSuitesOwnOptions() {
        SuiteSettings suite = ProveOptions.parse(List.of("--benchmark", "--scenarios", "mixed16,dw16",
                "--duration", "30s", "--settle", "5s", "--warmup", "20s", "--warmup-max", "40s", "--baseline", "3s",
                "--rebuild-events", "0", "--profile", "--profile-interval", "5ms"), ROOT).suite();
        assertThat(suite.scenarios()).extracting(Scenario::name).containsExactly("dw16", "mixed16");
        assertThat(suite.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(suite.settle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(suite.warmupMinimum()).isEqualTo(Duration.ofSeconds(20));
        assertThat(suite.warmupCap()).isEqualTo(Duration.ofSeconds(40));
        assertThat(suite.baseline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(suite.rebuildEvents()).isZero();
        assertThat(suite.profile()).isTrue();
        assertThat(suite.profileInterval()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void theBenchmarkRefusesWorkloadOptionsAndTheSuitesOptionsNeedIt() {
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--benchmark", "--concurrency", "8", "--zipf", "1"),
                ROOT)).hasMessageContaining("--concurrency, --zipf");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--profile"), ROOT)).hasMessageContaining("--benchmark");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--scenarios", "dw16"), ROOT))
                .hasMessageContaining("--scenarios");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--benchmark", "--scenarios", "dw-half"), ROOT))
                .hasMessageContaining("dw16 or dw64");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--faults", "sometimes"), ROOT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--fault-targets", "redis"), ROOT))
                .hasMessageContaining("redis");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--retry", "2"), ROOT)).hasMessageContaining("--retry");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--duration", "soon"), ROOT))
                .hasMessageContaining("duration");
    }

    @Test
    void instancesMakeEachServiceInstanceAFaultTargetOfItsOwn() {
        ProveOptions two = ProveOptions.parse(List.of("--instances", "2,2", "--faults", "random"), ROOT);
        assertThat(two.instances()).isEqualTo(new io.ledgerline.local.LocalStackConfig.Instances(2, 2));
        assertThat(two.faults().targets()).containsExactly("command-service", "command-service-2", "query-service",
                "query-service-2", "kafka", "postgres", "mongo");
        assertThat(ProveOptions.parse(List.of("--instances", "3,1", "--fault-targets", "command-service-3,kafka"),
                ROOT).faults().targets()).containsExactly("command-service-3", "kafka");
        assertThat(ProveOptions.parse(List.of(), ROOT).faults().targets())
                .containsExactly("command-service", "query-service", "kafka", "postgres", "mongo");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--fault-targets", "command-service-2"), ROOT))
                .hasMessageContaining("unknown fault target command-service-2");
        assertThatThrownBy(() -> ProveOptions.parse(List.of("--instances", "9,1"), ROOT))
                .hasMessageContaining("--instances");
    }
}
