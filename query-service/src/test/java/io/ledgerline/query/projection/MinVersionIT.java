package io.ledgerline.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Read-your-writes with {@code ?minVersion=N}; the wait is 1.5 s in this test configuration. */
class MinVersionIT extends IntegrationTestBase {

    @Test
    void aReadWaitsForTheVersionItAsksFor() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 10).freeze();
        send(account.event(1));
        awaitAccount(account.accountId(), 1);
        String token = token(owner, "customer");

        CompletableFuture<HttpApi.Response> read = CompletableFuture.supplyAsync(() ->
                http.get("/api/v1/accounts/" + account.accountId() + "?minVersion=3", token));
        send(account.event(2));
        send(account.event(3));

        HttpApi.Response answer = read.join();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("version").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(answer.json().path("status").asText()).isEqualTo("FROZEN");
    }

    @Test
    void theStatementWaitsForEventsThatAddNoLine() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 10).freeze();
        send(account.all());

        HttpApi.Response statement = http.get("/api/v1/accounts/" + account.accountId() + "/transactions?minVersion=3",
                token(owner, "customer"));

        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.json().path("items")).hasSize(1);
    }

    @Test
    void anUnknownIdWaitsAndThenAnswersProjectionBehind() {
        HttpApi.Response account = http.get("/api/v1/accounts/" + id("later") + "?minVersion=1", operator());
        HttpApi.Response transfer = http.get("/api/v1/transfers/" + id("later") + "?minVersion=1", operator());

        assertProblem(account, 503, "projection-behind");
        assertThat(account.header("Retry-After")).isEqualTo("1");
        assertProblem(transfer, 503, "projection-behind");
        assertThat(transfer.header("Retry-After")).isNotNull();
    }

    @Test
    void aVersionThatDoesNotArriveInTimeIsProjectionBehind() {
        AccountScript account = new AccountScript(id("acc"), id("owner"), "EUR", someTime());
        send(account.all());
        awaitAccount(account.accountId(), 1);

        HttpApi.Response behind = http.get("/api/v1/accounts/" + account.accountId() + "?minVersion=2", operator());
        HttpApi.Response statement = http.get("/api/v1/accounts/" + account.accountId()
                + "/transactions?minVersion=2", operator());

        assertProblem(behind, 503, "projection-behind");
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertProblem(statement, 503, "projection-behind");
        assertThat(http.get("/api/v1/accounts/" + account.accountId() + "?minVersion=1", operator()).status())
                .isEqualTo(200);
    }

    @Test
    void aTransferReadWaitsForItsOutcome() {
        String transferId = id("tr");
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                Events.requested(transferId, "a", "b", 5, "EUR"), someTime()));
        awaitTransfer(transferId, 1);

        CompletableFuture<HttpApi.Response> read = CompletableFuture.supplyAsync(() ->
                http.get("/api/v1/transfers/" + transferId + "?minVersion=2", operator()));
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 2, Events.completed(transferId), someTime()));

        assertThat(read.join().json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void minVersionOnListsAndSummariesIsRefused() {
        String owner = id("owner");

        assertProblem(http.get("/api/v1/accounts?minVersion=1", operator()), 400, "validation-failed");
        assertProblem(http.get("/api/v1/owners/" + owner + "/summary?minVersion=1", operator()), 400,
                "validation-failed");
        assertThat(http.get("/api/v1/accounts?minVersion=1", operator()).json().path("errors").get(0)
                .path("field").asText()).isEqualTo("minVersion");
    }

    @Test
    void minVersionMustBeAPositiveInteger() {
        String path = "/api/v1/accounts/" + id("acc") + "?minVersion=";
        for (String bad : new String[] {"0", "-1", "abc", "1.5", "99999999999999999999"}) {
            HttpApi.Response response = http.get(path + bad, operator());
            assertProblem(response, 400, "validation-failed");
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(bad).isEqualTo("minVersion");
        }
    }
}
