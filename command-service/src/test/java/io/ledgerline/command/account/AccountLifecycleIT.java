package io.ledgerline.command.account;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An account's whole life over HTTP, then read back from Kafka with nothing but the contracts codec. */
class AccountLifecycleIT extends CommandServiceIT {


    @Test
    void runsAnAccountsWholeLifeAndPublishesEveryEventInOrder() {
        String id = unique("acc");
        Response opened = api.post("/api/v1/accounts", SERVICE,
                json("accountId", id, "ownerId", "alice", "currency", "EUR"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("accountId").asText()).isEqualTo(id);
        assertThat(opened.json().path("version").asLong()).isEqualTo(1);

        Response deposit = api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 1000, "currency", "EUR", "description", "salary"));
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        assertThat(deposit.json().path("balance").asLong()).isEqualTo(1000);
        assertThat(deposit.json().path("version").asLong()).isEqualTo(2);

        Response withdrawal = api.post("/api/v1/accounts/" + id + "/withdrawals", CUSTOMER,
                json("transactionId", "tx-2", "amount", 1000, "currency", "EUR"));
        assertThat(withdrawal.status()).as(withdrawal.toString()).isEqualTo(200);
        assertThat(withdrawal.json().path("balance").asLong()).isZero();

        assertThat(api.post("/api/v1/accounts/" + id + "/freeze", OPERATOR, json("reason", "review"))
                .json().path("version").asLong()).isEqualTo(4);
        assertThat(api.post("/api/v1/accounts/" + id + "/unfreeze", OPERATOR, json("reason", "cleared"))
                .json().path("version").asLong()).isEqualTo(5);
        Response closed = api.post("/api/v1/accounts/" + id + "/close", OPERATOR, null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("version").asLong()).isEqualTo(6);

        List<TopicReader.Event> events = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 6);
        assertThat(events).extracting(e -> (Object) e.value().getClass()).containsExactly(AccountOpened.class,
                MoneyDeposited.class, MoneyWithdrawn.class, AccountFrozen.class, AccountUnfrozen.class,
                AccountClosed.class);
        assertThat(events).extracting(TopicReader.Event::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.key()).isEqualTo(id);
            assertThat(event.header(LedgerHeaders.AGGREGATE_ID)).isEqualTo(id);
            assertThat(event.header(LedgerHeaders.EVENT_TYPE)).isEqualTo(event.value().getSchema().getFullName());
            assertThat(event.header(LedgerHeaders.EVENT_ID)).matches("[0-9a-f-]{36}");
            assertThat(event.header(LedgerHeaders.OCCURRED_AT)).endsWith("Z");
            assertThat(event.header(LedgerHeaders.CORRELATION_ID)).isNotBlank();
            assertThat(event.header(LedgerHeaders.CAUSATION_ID)).isNotBlank();
        });
        MoneyDeposited deposited = (MoneyDeposited) events.get(1).value();
        assertThat(deposited.getBalanceAfter()).isEqualTo(1000);
        assertThat(deposited.getDescription()).isEqualTo("salary");
    }

    @Test
    void carriesTheClientsCorrelationIdIntoTheEvents() {
        String id = unique("acc");
        api.post("/api/v1/accounts", SERVICE, json("accountId", id, "ownerId", "alice", "currency", "EUR"),
                "X-Correlation-Id", "order-4711");
        TopicReader.Event opened = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, id, 1).get(0);
        assertThat(opened.header(LedgerHeaders.CORRELATION_ID)).isEqualTo("order-4711");
    }

    @Test
    void answersARepeatedOpenWith200AndTheOriginalVersion() {
        String id = unique("acc");
        String body = json("accountId", id, "ownerId", "alice", "currency", "EUR");
        assertThat(api.post("/api/v1/accounts", SERVICE, body).status()).isEqualTo(201);
        api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 5, "currency", "EUR"));
        Response again = api.post("/api/v1/accounts", SERVICE, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("version").asLong()).isEqualTo(1);
        Response other = api.post("/api/v1/accounts", SERVICE,
                json("accountId", id, "ownerId", "alice", "currency", "USD"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("account-already-exists");
        assertThat(storedEventsOfAccount(id)).isEqualTo(2);
    }

    @Test
    void generatesAnAccountIdWhenNoneIsGiven() {
        Response opened = api.post("/api/v1/accounts", CUSTOMER, json("ownerId", "alice", "currency", "JPY"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("accountId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void answersBusinessRefusalsWith422AndRecordsNothing() {
        String id = unique("acc");
        api.post("/api/v1/accounts", SERVICE, json("accountId", id, "ownerId", "alice", "currency", "EUR"));
        Response refused = api.post("/api/v1/accounts/" + id + "/withdrawals", SERVICE,
                json("transactionId", "tx-1", "amount", 1, "currency", "EUR"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("insufficient-funds");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        Response wrongCurrency = api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                json("transactionId", "tx-2", "amount", 1, "currency", "USD"));
        assertThat(wrongCurrency.code()).isEqualTo("currency-mismatch");
        assertThat(storedEventsOfAccount(id)).isEqualTo(1);
        assertThat(api.post("/api/v1/accounts/" + id + "/withdrawals", SERVICE,
                json("transactionId", "tx-1", "amount", 1, "currency", "EUR")).code())
                .as("a refused id is not consumed").isEqualTo("insufficient-funds");
    }

    @Test
    void answersUnknownAccountsWith404() {
        Response missing = api.post("/api/v1/accounts/nope-" + unique("x") + "/deposits", SERVICE,
                json("transactionId", "tx-1", "amount", 1, "currency", "EUR"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("account-not-found");
    }

    @Test
    void answersARetriedDepositWithTheOriginalOutcome() {
        String id = unique("acc");
        api.post("/api/v1/accounts", SERVICE, json("accountId", id, "ownerId", "alice", "currency", "EUR"));
        String deposit = json("transactionId", "tx-1", "amount", 70, "currency", "EUR");
        Response first = api.post("/api/v1/accounts/" + id + "/deposits", SERVICE, deposit);
        api.post("/api/v1/accounts/" + id + "/deposits", SERVICE,
                json("transactionId", "tx-2", "amount", 30, "currency", "EUR"));
        Response retry = api.post("/api/v1/accounts/" + id + "/deposits", SERVICE, deposit);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        Response reuse = api.post("/api/v1/accounts/" + id + "/withdrawals", SERVICE,
                json("transactionId", "tx-1", "amount", 70, "currency", "EUR"));
        assertThat(reuse.status()).isEqualTo(409);
        assertThat(reuse.code()).isEqualTo("transaction-id-conflict");
        assertThat(storedEventsOfAccount(id)).isEqualTo(3);
    }
}
