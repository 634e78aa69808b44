package io.ledgerline.command.intake;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Idempotency-Key (IETF httpapi draft): the stored final response is replayed; the key is bound to its body. */
class IdempotencyKeyIT extends CommandServiceIT {

    @Test
    void replaysTheStoredResponseForTheSameKeyAndBody() {
        String account = openAccount("alice", "EUR", 0);
        String key = unique("key");
        String body = json("transactionId", unique("tx"), "amount", 10, "currency", "EUR");
        Response first = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE, body, "Idempotency-Key", key);
        api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", unique("tx"), "amount", 5, "currency", "EUR"));
        Response replay = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                "{ \"currency\" : \"EUR\", \"amount\": 10, \"transactionId\": "
                        + first.json().get("transactionId") + " }", "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(storedEventsOfAccount(account)).isEqualTo(3);
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        String account = openAccount("alice", "EUR", 0);
        String key = unique("key");
        api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-a", "amount", 10, "currency", "EUR"), "Idempotency-Key", key);
        Response reused = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-b", "amount", 10, "currency", "EUR"), "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
        assertThat(storedEventsOfAccount(account)).isEqualTo(2);
    }

    @Test
    void scopesKeysPerPrincipalAndPath() {
        String account = openAccount("alice", "EUR", 0);
        String key = unique("key");
        Response byService = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 10, "currency", "EUR"), "Idempotency-Key", key);
        Response byOperator = api.post("/api/v1/accounts/" + account + "/deposits", OPERATOR,
                json("transactionId", "tx-2", "amount", 10, "currency", "EUR"), "Idempotency-Key", key);
        assertThat(byService.status()).isEqualTo(200);
        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byOperator.json().path("balance").asLong()).isEqualTo(20);
    }

    @Test
    void replaysAStoredRefusalToo() {
        String account = openAccount("alice", "EUR", 0);
        String key = unique("key");
        String body = json("transactionId", "tx-1", "amount", 10, "currency", "EUR");
        Response refused = api.post("/api/v1/accounts/" + account + "/withdrawals", SERVICE, body,
                "Idempotency-Key", key);
        assertThat(refused.status()).isEqualTo(422);
        api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", "tx-2", "amount", 100, "currency", "EUR"));
        Response replay = api.post("/api/v1/accounts/" + account + "/withdrawals", SERVICE, body,
                "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.code()).isEqualTo("insufficient-funds");
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void opensOneAccountForRetriesWithoutAnAccountId() {
        String key = unique("key");
        String body = json("ownerId", "alice", "currency", "EUR");
        Response first = api.post("/api/v1/accounts", CUSTOMER, body, "Idempotency-Key", key);
        jdbc.update("delete from idempotency_key where idempotency_key = ?", key); // as if the response was lost
        Response retry = api.post("/api/v1/accounts", CUSTOMER, body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("accountId")).isEqualTo(first.json().path("accountId"));
    }

    @Test
    void concurrentRetriesApplyOnceAndTheLoserIsToldTheKeyIsInUseOrGetsTheReplay() throws Exception {
        String account = openAccount("alice", "EUR", 0);
        String key = unique("key");
        String body = json("transactionId", unique("tx"), "amount", 10, "currency", "EUR");
        List<CompletableFuture<Response>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/accounts/" + account + "/deposits",
                    SERVICE, body, "Idempotency-Key", key)));
        }
        List<Response> responses = racers.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isIn(200, 409));
        assertThat(responses).filteredOn(response -> response.status() == 409)
                .allSatisfy(response -> assertThat(response.code()).isEqualTo("idempotency-key-in-use"));
        assertThat(storedEventsOfAccount(account)).isEqualTo(2);
    }
}
