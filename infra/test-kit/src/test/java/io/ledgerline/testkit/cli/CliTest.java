package io.ledgerline.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one set of conventions every command line of infra/ follows. */
class CliTest {

    @CommandLine.Command(name = "tool", subcommands = Sub.class)
    static final class Tool {
        @CommandLine.Option(names = "--flag", arity = "0")
        boolean flag;
        @CommandLine.Option(names = "--name")
        String name;
        @CommandLine.Option(names = "--wait")
        Duration wait = Duration.ofSeconds(1);
        @CommandLine.Option(names = "--count")
        int count;
    }

    @CommandLine.Command(name = "sub")
    static final class Sub {
        @CommandLine.Option(names = "--port")
        int port;
    }

    private static Tool parse(String... args) {
        Tool tool = new Tool();
        Cli.parse(tool, List.of(args));
        return tool;
    }

    @Test
    void readsBothFormsOfAValueAndLetsTheLaterOptionWin() {
        assertThat(parse("--name", "a").name).isEqualTo("a");
        assertThat(parse("--name=b").name).isEqualTo("b");
        assertThat(parse("--name", "a", "--name=c").name).isEqualTo("c");
        assertThat(parse("--flag").flag).isTrue();
        assertThat(parse().wait).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsDurationsInOneFormat() {
        assertThat(parse("--wait", "500ms").wait).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--wait=90s").wait).isEqualTo(Duration.ofSeconds(90));
        assertThat(Cli.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Cli.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Cli.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Cli.duration("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Cli.duration("0s")).isZero();
        for (String bad : List.of("", "s", "12", "12w", "-5m", "PTx", "1.5h")) {
            assertThatThrownBy(() -> Cli.duration(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> parse("--wait", "soon")).hasMessageContaining("--wait")
                .hasMessageContaining("not a duration: 'soon'");
    }

    @Test
    void namesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> parse("--nmae", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown argument: --nmae");
        assertThatThrownBy(() -> parse("--name")).hasMessage("--name needs a value");
        assertThatThrownBy(() -> parse("--name", "--flag")).hasMessage("--name needs a value");
        assertThatThrownBy(() -> parse("--flag=yes")).hasMessage("--flag takes no value");
        assertThatThrownBy(() -> parse("--count", "many")).hasMessageContaining("--count")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> parse("sub", "--name", "x")).hasMessageStartingWith("unknown argument for sub: --name");
        assertThatThrownBy(() -> parse("extra")).hasMessageStartingWith("unknown argument: extra");
    }
}
