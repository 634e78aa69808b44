package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import io.ledgerline.local.RunLocalArgs.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLocalArgsTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void noArgumentsRunsTheStackInTheDefaultFolder() {
        RunLocalArgs args = RunLocalArgs.parse(List.of());

        assertThat(args.command()).isEqualTo(Command.RUN);
        assertThat(args.clean()).isFalse();
        assertThat(args.infraOnly()).isFalse();
        assertThat(args.dataDirectory(Map.of(), REPO)).isEqualTo(Path.of("/repo/.ledgerline"));
    }

    @Test
    void readsRunFlags() {
        RunLocalArgs args = RunLocalArgs.parse(List.of("--clean", "--infra-only", "--data", "/tmp/ll"));

        assertThat(args.clean()).isTrue();
        assertThat(args.infraOnly()).isTrue();
        assertThat(args.dataDirectory(Map.of("LEDGERLINE_DATA_DIR", "/elsewhere"), REPO)).isEqualTo(Path.of("/tmp/ll"));
    }

    @Test
    void readsInstancesOfEachService() {
        assertThat(RunLocalArgs.parse(List.of()).instances()).isEqualTo(LocalStackConfig.Instances.ONE_EACH);
        assertThat(RunLocalArgs.parse(List.of("--instances", "2,3")).instances())
                .isEqualTo(new LocalStackConfig.Instances(2, 3));
        assertThat(RunLocalArgs.parse(List.of("--instances=2, 1")).instances())
                .isEqualTo(new LocalStackConfig.Instances(2, 1));
        for (String wrong : List.of("2", "0,1", "1,5", "a,b", "2,2,2")) {
            assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--instances", wrong)))
                    .as(wrong).hasMessageContaining("--instances").hasMessageContaining("'" + wrong + "'");
        }
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--instances", "0,1")))
                .hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--infra-only", "--instances", "2,2")))
                .hasMessageContaining("--instances does not apply");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("token", "--instances", "2,2", "--role", "service",
                "--sub", "s"))).hasMessageContaining("--instances");
    }

    @Test
    void dataOptionAcceptsTheEqualsForm() {
        assertThat(RunLocalArgs.parse(List.of("--data=/tmp/x")).dataDirectory(Map.of(), REPO))
                .isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void environmentVariableChoosesTheFolderWhenNoOptionDoes() {
        assertThat(RunLocalArgs.parse(List.of()).dataDirectory(Map.of("LEDGERLINE_DATA_DIR", "/var/ll"), REPO))
                .isEqualTo(Path.of("/var/ll"));
    }

    @Test
    void readsATokenRequest() {
        RunLocalArgs args = RunLocalArgs.parse(List.of("token", "--role", "customer", "--sub", "carol"));

        assertThat(args.command()).isEqualTo(Command.TOKEN);
        assertThat(args.token()).isEqualTo(new RunLocalArgs.TokenRequest("customer", "carol", Duration.ofHours(12),
                JWSAlgorithm.RS256));
    }

    @Test
    void tokenTakesLifetimeAlgorithmAndFolder() {
        RunLocalArgs args = RunLocalArgs.parse(List.of("token", "--role=operator", "--sub=ops", "--ttl", "30m",
                "--alg", "es256", "--data", "/tmp/d"));

        assertThat(args.token().ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(args.token().algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(args.dataDirectory(Map.of(), REPO)).isEqualTo(Path.of("/tmp/d"));
    }

    @Test
    void tokenNeedsAKnownRoleAndASubject() {
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("token", "--role", "customer")))
                .hasMessageContaining("--sub");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("token", "--role", "admin", "--sub", "x")))
                .hasMessageContaining("unknown role 'admin'");
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--cleen"))).hasMessageContaining("--cleen");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--data"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--clean=yes"))).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("--role", "customer")))
                .hasMessageContaining("token command");
        assertThatThrownBy(() -> RunLocalArgs.parse(List.of("token", "--clean", "--role", "service", "--sub", "s")))
                .hasMessageContaining("--clean");
    }

    @Test
    void everyTokenOptionBelongsToTheTokenCommand() {
        for (List<String> args : List.of(List.of("--ttl", "1h"), List.of("--alg=ES256"), List.of("--sub", "x"))) {
            assertThatThrownBy(() -> RunLocalArgs.parse(args)).as("%s", args).hasMessageContaining("token command");
        }
    }

    @Test
    void helpWins() {
        assertThat(RunLocalArgs.parse(List.of("--clean", "--help")).command()).isEqualTo(Command.HELP);
        assertThat(RunLocalArgs.parse(List.of("token", "-h")).command()).isEqualTo(Command.HELP);
    }

    @Test
    void parsesDurations() {
        assertThat(RunLocalArgs.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunLocalArgs.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(RunLocalArgs.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(RunLocalArgs.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(RunLocalArgs.duration("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        for (String bad : List.of("", "h", "12", "12w", "-5m", "0s", "PTx")) {
            assertThatThrownBy(() -> RunLocalArgs.duration(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
