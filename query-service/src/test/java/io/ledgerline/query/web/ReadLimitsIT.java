package io.ledgerline.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.testkit.http.HttpApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The query side's bounds: a per-principal read rate (roles have their own), a bound on {@code minVersion} reads
 * waiting at once (operators exempt), and another owner's account answered exactly like a missing one, waits
 * included. While one principal floods, the others keep their answers.
 */
@TestPropertySource(properties = {
    "ledgerline.query.limits.per-principal.per-second=1",
    "ledgerline.query.limits.per-principal.burst=5",
    "ledgerline.query.limits.roles.operator.per-second=1000",
    "ledgerline.query.limits.roles.operator.burst=1000",
    "ledgerline.query.limits.max-concurrent-waits=2"
})
class ReadLimitsIT extends IntegrationTestBase {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aFloodingPrincipalIsAnswered429WhileOthersAreServed() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 10);
        send(account.all());
        awaitAccount(account.accountId(), 2);
        String flooder = token(id("flooder"), "customer");
        String neighbour = token(owner, "customer");
        String operator = operator();

        List<HttpApi.Response> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(http.get("/api/v1/accounts/" + account.accountId(), flooder));
            assertThat(http.get("/api/v1/accounts/" + account.accountId(), operator).status()).isEqualTo(200);
        }
        assertThat(http.get("/api/v1/accounts/" + account.accountId(), neighbour).status()).isEqualTo(200);

        List<HttpApi.Response> limited = flood.stream().filter(response -> response.status() == 429).toList();
        assertThat(limited).hasSizeGreaterThanOrEqualTo(20 - 5 - 2); // the burst, and what refilled meanwhile
        limited.forEach(response -> {
            assertProblem(response, 429, "rate-limited");
            assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        });
        assertThat(flood).allSatisfy(response -> assertThat(response.status()).isIn(404, 429));
    }

    @Test
    void readsBeyondTheWaitBoundAreAnsweredAtOnceWhileOperatorsStillWait() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 10)
                .deposit("d2", 5);
        send(account.event(1));
        awaitAccount(account.accountId(), 1);
        String path = "/api/v1/accounts/" + account.accountId();

        List<CompletableFuture<HttpApi.Response>> waiting = List.of(
                CompletableFuture.supplyAsync(() -> http.get(path + "?minVersion=99", token(id("w1"), "service"))),
                CompletableFuture.supplyAsync(() -> http.get(path + "?minVersion=99", token(id("w2"), "service"))));
        await().atMost(AWAIT).until(() -> meters.get("ledger.query.waits").gauge().value() == 2);

        HttpApi.Response refused = http.get(path + "?minVersion=99", token(id("w3"), "service"));
        assertProblem(refused, 503, "overloaded");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(http.get(path + "?minVersion=1", token(owner, "customer")).status())
                .as("a read already satisfied needs no wait").isEqualTo(200);
        CompletableFuture<HttpApi.Response> operatorWait =
                CompletableFuture.supplyAsync(() -> http.get(path + "?minVersion=3", operator()));
        send(account.event(2));
        send(account.event(3));
        assertThat(operatorWait.join().status()).isEqualTo(200);

        waiting.forEach(read -> assertProblem(read.join(), 503, "projection-behind"));
        assertThat(meters.get("ledger.query.waits").gauge().value()).isZero();
    }

    @Test
    void anotherOwnersAccountAnswersExactlyLikeAMissingOneWithOrWithoutAWait() {
        String alice = id("alice");
        AccountScript account = new AccountScript(id("acc"), alice, "EUR", someTime()).deposit("d1", 10);
        send(account.all());
        awaitAccount(account.accountId(), 2);
        String missing = id("acc");
        String bob = token(id("bob"), "customer");

        HttpApi.Response theirs = http.get("/api/v1/accounts/" + account.accountId(), bob);
        HttpApi.Response absent = http.get("/api/v1/accounts/" + missing, bob);
        assertProblem(theirs, 404, "account-not-found");
        assertProblem(absent, 404, "account-not-found");
        assertThat(theirs.json().path("detail").asText().replace(account.accountId(), "ID"))
                .isEqualTo(absent.json().path("detail").asText().replace(missing, "ID"));

        long started = System.nanoTime();
        HttpApi.Response theirsWaited = http.get("/api/v1/accounts/" + account.accountId() + "?minVersion=2", bob);
        Duration theirsTook = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        HttpApi.Response absentWaited = http.get("/api/v1/accounts/" + missing + "?minVersion=2", bob);
        Duration absentTook = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(theirsWaited, 503, "projection-behind");
        assertProblem(absentWaited, 503, "projection-behind");
        assertThat(theirsWaited.json().path("detail")).isEqualTo(absentWaited.json().path("detail"));
        // both waited out the whole bounded wait (1.5 s here) instead of one answering at once
        assertThat(theirsTook).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(absentTook).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }
}
