package io.ledgerline.command.intake;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code ledger.commands} counts each handled command once, by type and outcome. */
class CommandMetricsIT extends CommandServiceIT {

    @Autowired
    private MeterRegistry meters;

    @Test
    void countsEachCommandOnceWithItsOutcome() {
        String account = openAccount("alice", "EUR", 0);
        long appliedBefore = count("FreezeAccount", "applied", "none");
        long refusedBefore = count("WithdrawMoney", "refused", "insufficient-funds");

        api.post("/api/v1/accounts/" + account + "/freeze", OPERATOR, json("reason", "review"));
        api.post("/api/v1/accounts/" + account + "/unfreeze", OPERATOR, json("reason", "cleared"));
        api.post("/api/v1/accounts/" + account + "/withdrawals", SERVICE,
                json("transactionId", "too-much", "amount", 5, "currency", "EUR"));

        assertThat(count("FreezeAccount", "applied", "none")).isEqualTo(appliedBefore + 1);
        assertThat(count("WithdrawMoney", "refused", "insufficient-funds")).isEqualTo(refusedBefore + 1);
    }

    private long count(String type, String outcome, String code) {
        Timer timer = meters.find("ledger.commands").tag("type", type).tag("outcome", outcome).tag("code", code)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
