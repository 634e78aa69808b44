package io.ledgerline.command.intake;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prefer: respond-async answers 202 with a command resource that reports the outcome. */
class AsyncCommandIT extends CommandServiceIT {

    private Response awaitFinal(String location, String token) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get(location, token),
                response -> response.status() == 200 && !"PENDING".equals(response.json().path("status").asText()));
    }

    @Test
    void reportsASucceededCommandWithItsResult() {
        String account = openAccount("alice", "EUR", 0);
        Response accepted = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 25, "currency", "EUR"), "Prefer", "respond-async");
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).matches("/api/v1/commands/[0-9a-f-]{36}");
        assertThat(accepted.json().path("status").asText()).isEqualTo("PENDING");

        Response status = awaitFinal(location, SERVICE);
        assertThat(status.json().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(status.json().path("result").path("balance").asLong()).isEqualTo(25);
        assertThat(status.json().path("result").path("version").asLong()).isEqualTo(2);
        assertThat(status.json().path("commandId").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void reportsARefusalWithItsCode() {
        String account = openAccount("alice", "EUR", 0);
        Response accepted = api.post("/api/v1/accounts/" + account + "/withdrawals", CUSTOMER,
                json("transactionId", "tx-1", "amount", 25, "currency", "EUR"), "Prefer", "respond-async, wait=5");
        Response status = awaitFinal(accepted.header("Location"), CUSTOMER);
        assertThat(status.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(status.json().path("code").asText()).isEqualTo("insufficient-funds");
        assertThat(status.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void keepsValidationAndAuthorisationSynchronous() {
        String account = openAccount("alice", "EUR", 0);
        Response invalid = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 0, "currency", "EUR"), "Prefer", "respond-async");
        assertThat(invalid.status()).isEqualTo(400);
        Response forbidden = api.post("/api/v1/accounts/" + account + "/deposits", AUDITOR,
                json("transactionId", "tx-1", "amount", 1, "currency", "EUR"), "Prefer", "respond-async");
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void showsACommandOnlyToItsSubmitterOperatorsAndAuditors() {
        String account = openAccount("alice", "EUR", 100);
        Response accepted = api.post("/api/v1/accounts/" + account + "/withdrawals", CUSTOMER,
                json("transactionId", "tx-1", "amount", 5, "currency", "EUR"), "Prefer", "respond-async");
        String location = accepted.header("Location");
        awaitFinal(location, CUSTOMER);
        assertThat(api.get(location, OPERATOR).status()).isEqualTo(200);
        assertThat(api.get(location, AUDITOR).status()).isEqualTo(200);
        Response stranger = api.get(location, OTHER_CUSTOMER);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("command-not-found");
        assertThat(api.get(location, SERVICE).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/commands/" + unique("none"), OPERATOR).code()).isEqualTo("command-not-found");
    }

    @Test
    void acceptsATransferAsynchronously() {
        String source = openAccount("alice", "EUR", 100);
        String destination = openAccount("bob", "EUR", 0);
        Response accepted = api.post("/api/v1/transfers", SERVICE, json("transferId", unique("t"),
                "sourceAccountId", source, "destinationAccountId", destination, "amount", 5, "currency", "EUR"),
                "Prefer", "respond-async");
        assertThat(accepted.status()).isEqualTo(202);
        Response status = awaitFinal(accepted.header("Location"), SERVICE);
        assertThat(status.json().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(status.json().path("result").path("status").asText()).isEqualTo("REQUESTED");
    }
}
