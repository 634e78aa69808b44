package io.ledgerline.prove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.prove.faults.Fault;
import io.ledgerline.prove.faults.FaultSettings;
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
                "--pause", "500ms", "--benchmark", "--output", "/tmp/x"), ROOT);
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
        assertThat(o.benchmark()).isTrue();
        assertThat(o.output()).isEqualTo(Path.of("/tmp/x"));
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
}
