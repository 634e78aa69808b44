package io.ledgerline.local.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** send-command's command line: checked before anything is sent, so a wrong one reaches no broker. */
class CommandSenderTest {

    private static final Map<String, Object> NO_BROKER = Map.of();

    @Test
    void sendsAsTheLocalProducerUnlessToldOtherwise() {
        assertThat(CommandSender.producer(List.of("deposit", "--account", "a"))).isEqualTo(CommandSender.PRODUCER);
        assertThat(CommandSender.producer(List.of("deposit", "--producer=payroll"))).isEqualTo("payroll");
    }

    @Test
    void saysWhatACommandLacks() {
        assertThatThrownBy(() -> CommandSender.send(List.of(), NO_BROKER, Duration.ofSeconds(1)))
                .hasMessageStartingWith("which command?");
        assertThatThrownBy(() -> send("deposit", "--account", "a", "--amount", "5", "--currency", "EUR"))
                .hasMessage("--transaction is required");
        assertThatThrownBy(() -> send("transfer", "--transfer", "t", "--from", "a", "--to", "b", "--currency", "EUR"))
                .hasMessage("--amount is required");
        assertThatThrownBy(() -> send("deposit", "--amount", "five")).hasMessageContaining("--amount")
                .hasMessageContaining("'five'");
        assertThatThrownBy(() -> send("refund", "--account", "a")).hasMessageStartingWith("unknown command refund");
        assertThatThrownBy(() -> send("open", "--acount", "a")).hasMessageStartingWith("unknown argument: --acount");
    }

    private static String send(String... args) {
        return CommandSender.send(List.of(args), NO_BROKER, Duration.ofSeconds(1));
    }
}
