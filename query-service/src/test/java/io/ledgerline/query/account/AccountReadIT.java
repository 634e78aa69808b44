package io.ledgerline.query.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.Envelopes;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class AccountReadIT extends IntegrationTestBase {

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private Generations generations;

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    @Test
    void readsTheAccountWithItsVersionAsETagAndAnswers304WhenUnchanged() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime())
                .deposit("tx-1", 1_500).withdraw("tx-2", 200).freeze();
        send(account.all());
        awaitAccount(account.accountId(), 4);

        HttpApi.Response read = http.get("/api/v1/accounts/" + account.accountId(), token(owner, "customer"));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"4\"");
        JsonNode body = read.json();
        assertThat(body.path("accountId").asText()).isEqualTo(account.accountId());
        assertThat(body.path("ownerId").asText()).isEqualTo(owner);
        assertThat(body.path("currency").asText()).isEqualTo("EUR");
        assertThat(body.path("balance").asLong()).isEqualTo(1_300);
        assertThat(body.path("overdraftLimit").asLong()).isZero();
        assertThat(body.path("status").asText()).isEqualTo("FROZEN");
        assertThat(body.path("version").asLong()).isEqualTo(4);
        assertThat(Instant.parse(body.path("openedAt").asText())).isEqualTo(account.at(1));
        assertThat(Instant.parse(body.path("updatedAt").asText())).isEqualTo(account.at(4));
        assertThat(read.header("Cache-Control")).contains("no-store");
        assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpApi.Response unchanged = http.get("/api/v1/accounts/" + account.accountId(), token(owner, "customer"),
                "If-None-Match", "\"4\"");
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpApi.Response stale = http.get("/api/v1/accounts/" + account.accountId(), token(owner, "customer"),
                "If-None-Match", "\"3\"");
        assertThat(stale.status()).isEqualTo(200);
    }

    @Test
    void anUnknownAccountIsAProblem404() {
        HttpApi.Response read = http.get("/api/v1/accounts/" + id("nobody"), operator());

        assertProblem(read, 404, "account-not-found");
        assertThat(read.json().path("instance").asText()).startsWith("/api/v1/accounts/nobody-");
        assertThat(read.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void theStatementListsEveryMoneyMovementNewestFirst() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "USD", someTime())
                .deposit("dep-1", 1_000)
                .debit("tr-out", "acc-x", 300)
                .freeze()
                .credit("tr-in", "acc-y", 50)
                .refund("tr-out", 300)
                .withdraw("wd-1", 100);
        send(account.all());
        awaitAccount(account.accountId(), 7);

        HttpApi.Response statement = http.get("/api/v1/accounts/" + account.accountId() + "/transactions",
                token(owner, "customer"));

        assertThat(statement.status()).isEqualTo(200);
        JsonNode items = statement.json().path("items");
        assertThat(texts(items, "type")).containsExactly("WITHDRAWAL", "TRANSFER_REFUND", "TRANSFER_IN",
                "TRANSFER_OUT", "DEPOSIT");
        assertThat(texts(items, "version")).containsExactly("7", "6", "5", "3", "2");
        assertThat(texts(items, "transactionId")).containsExactly("wd-1", "tr-out", "tr-in", "tr-out", "dep-1");
        assertThat(texts(items, "balanceAfter")).containsExactly("950", "1050", "750", "700", "1000");
        assertThat(texts(items, "amount")).containsExactly("100", "300", "50", "300", "1000");
        assertThat(items.get(1).path("transferId").asText()).isEqualTo("tr-out");
        assertThat(items.get(0).has("transferId")).isFalse();
        assertThat(items.get(4).path("description").asText()).isEqualTo("deposit dep-1");
        assertThat(Instant.parse(items.get(4).path("occurredAt").asText())).isEqualTo(account.at(2));
        assertThat(statement.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void statementPagesFollowTheCursorAndStayStableWhileEventsArrive() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime());
        for (int i = 1; i <= 5; i++) {
            account.deposit("d" + i, i);
        }
        send(account.all());
        awaitAccount(account.accountId(), 6);
        String token = token(owner, "customer");
        String path = "/api/v1/accounts/" + account.accountId() + "/transactions?limit=2";

        JsonNode first = http.get(path, token).json();
        assertThat(texts(first.path("items"), "version")).containsExactly("6", "5");

        account.deposit("d6", 6);
        send(account.event(7));
        awaitAccount(account.accountId(), 7);

        JsonNode second = http.get(path + "&cursor=" + enc(first.path("nextCursor").asText()), token).json();
        assertThat(texts(second.path("items"), "version")).containsExactly("4", "3");
        JsonNode third = http.get(path + "&cursor=" + enc(second.path("nextCursor").asText()), token).json();
        assertThat(texts(third.path("items"), "version")).containsExactly("2");
        assertThat(third.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theStatementFiltersOnOccurredAtFromInclusiveToExclusive() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime())
                .deposit("d1", 1).deposit("d2", 2).deposit("d3", 3).deposit("d4", 4);
        send(account.all());
        awaitAccount(account.accountId(), 5);

        HttpApi.Response window = http.get("/api/v1/accounts/" + account.accountId() + "/transactions?from="
                + account.at(3) + "&to=" + account.at(5), token(owner, "customer"));

        assertThat(texts(window.json().path("items"), "transactionId")).containsExactly("d3", "d2");

        HttpApi.Response offsetNotation = http.get("/api/v1/accounts/" + account.accountId() + "/transactions?from="
                + enc(account.at(4).atOffset(java.time.ZoneOffset.ofHours(2))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"))),
                token(owner, "customer"));
        assertThat(texts(offsetNotation.json().path("items"), "transactionId")).containsExactly("d4", "d3");
    }

    @Test
    void listsAnOwnersAccountsByIdWithFiltersAndCursor() {
        String owner = id("owner");
        List<String> ids = new ArrayList<>();
        for (String suffix : List.of("c", "a", "e", "b", "d")) {
            AccountScript account = new AccountScript(owner + "-acc-" + suffix, owner, "EUR", someTime());
            if (suffix.equals("b")) {
                account.freeze();
            }
            send(account.all());
            ids.add(account.accountId());
        }
        awaitAccount(owner + "-acc-b", 2);
        ids.forEach(accountId -> awaitAccount(accountId, 1));
        String token = token(owner, "customer");

        JsonNode page1 = http.get("/api/v1/accounts?limit=2", token).json();
        assertThat(texts(page1.path("items"), "accountId")).containsExactly(owner + "-acc-a", owner + "-acc-b");
        JsonNode page2 = http.get("/api/v1/accounts?limit=2&cursor=" + enc(page1.path("nextCursor").asText()),
                token).json();
        assertThat(texts(page2.path("items"), "accountId")).containsExactly(owner + "-acc-c", owner + "-acc-d");
        JsonNode page3 = http.get("/api/v1/accounts?limit=2&cursor=" + enc(page2.path("nextCursor").asText()),
                token).json();
        assertThat(texts(page3.path("items"), "accountId")).containsExactly(owner + "-acc-e");
        assertThat(page3.get("nextCursor").isNull()).isTrue();

        JsonNode open = http.get("/api/v1/accounts?ownerId=" + owner + "&status=OPEN", operator()).json();
        assertThat(texts(open.path("items"), "accountId")).hasSize(4).doesNotContain(owner + "-acc-b");
        JsonNode frozen = http.get("/api/v1/accounts?ownerId=" + owner + "&status=FROZEN",
                token("audit-1", "auditor")).json();
        assertThat(texts(frozen.path("items"), "accountId")).containsExactly(owner + "-acc-b");
    }

    @Test
    void aCursorOnlyContinuesTheListItCameFrom() {
        String owner = id("owner");
        for (String suffix : List.of("a", "b", "c")) {
            send(new AccountScript(owner + "-" + suffix, owner, "EUR", someTime()).all());
        }
        awaitAccount(owner + "-c", 1);
        awaitAccount(owner + "-a", 1);
        awaitAccount(owner + "-b", 1);
        String token = operator();
        String cursor = http.get("/api/v1/accounts?ownerId=" + owner + "&limit=1", token).json()
                .path("nextCursor").asText();

        assertProblem(http.get("/api/v1/accounts?ownerId=" + owner + "&status=OPEN&limit=1&cursor=" + enc(cursor),
                token), 400, "validation-failed");
        assertProblem(http.get("/api/v1/accounts?limit=1&cursor=" + enc(cursor), token), 400, "validation-failed");
        assertProblem(http.get("/api/v1/accounts/" + owner + "-a/transactions?cursor=" + enc(cursor), token), 400,
                "validation-failed");
        String tampered = cursor.charAt(0) == 'A' ? "B" + cursor.substring(1) : "A" + cursor.substring(1);
        HttpApi.Response edited = http.get("/api/v1/accounts?ownerId=" + owner + "&limit=1&cursor=" + enc(tampered),
                token);
        assertProblem(edited, 400, "validation-failed");
        assertThat(edited.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");

        HttpApi.Response sameFilters = http.get("/api/v1/accounts?ownerId=" + owner + "&limit=5&cursor=" + enc(cursor),
                token);
        assertThat(texts(sameFilters.json().path("items"), "accountId")).containsExactly(owner + "-b", owner + "-c");
    }

    @Test
    void theOwnerSummaryCountsOpenAccountsAndSumsPerCurrency() {
        String owner = id("owner");
        send(new AccountScript(owner + "-usd", owner, "USD", someTime()).deposit("d", 700).all());
        send(new AccountScript(owner + "-eur1", owner, "EUR", someTime()).deposit("d", 250).all());
        send(new AccountScript(owner + "-eur2", owner, "EUR", someTime()).deposit("d", 100).freeze().all());
        send(new AccountScript(owner + "-chf", owner, "CHF", someTime()).close().all());
        awaitAccount(owner + "-usd", 2);
        awaitAccount(owner + "-eur1", 2);
        awaitAccount(owner + "-eur2", 3);
        awaitAccount(owner + "-chf", 2);

        JsonNode summary = http.get("/api/v1/owners/" + owner + "/summary", token(owner, "customer")).json();

        assertThat(summary.path("ownerId").asText()).isEqualTo(owner);
        assertThat(summary.path("accounts").asLong()).isEqualTo(3);
        assertThat(texts(summary.path("balances"), "currency")).containsExactly("EUR", "USD");
        assertThat(texts(summary.path("balances"), "total")).containsExactly("350", "700");
    }

    @Test
    void anOwnerWithoutAccountsHasAnEmptySummary() {
        String owner = id("owner");

        HttpApi.Response summary = http.get("/api/v1/owners/" + owner + "/summary", operator());

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().path("accounts").asLong()).isZero();
        assertThat(summary.json().path("balances").isArray()).isTrue();
        assertThat(summary.json().path("balances")).isEmpty();
    }

    @Test
    void accountAndTransferIdsDoNotInterfere() {
        String shared = id("same");
        String owner = id("owner");
        send(new AccountScript(shared, owner, "EUR", someTime()).all());
        send(EventRecords.record(Topics.TRANSFER_EVENTS, shared, 1,
                Events.requested(shared, shared, "acc-other", 10, "EUR"), someTime()));

        assertThat(awaitAccount(shared, 1).path("ownerId").asText()).isEqualTo(owner);
        assertThat(awaitTransfer(shared, 1).path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void aLineWrittenBeforeACrashIsServedOnlyOnceItsAccountCaughtUp() {
        String owner = id("owner");
        AccountScript account = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d1", 10);
        send(account.event(1));
        awaitAccount(account.accountId(), 1);
        // the projection wrote the line of version 2, then died before moving the account document
        EventEnvelope second = Envelopes.account(account.accountId(), 2,
                Events.deposited(account.accountId(), "d1", 10, "EUR", 10, "deposit d1"));
        AccountEvolution.statementRow(second).ifPresent(row -> mongo.insert(row,
                generations.active().statements()));
        String path = "/api/v1/accounts/" + account.accountId() + "/transactions";

        assertThat(http.get(path, token(owner, "customer")).json().path("items")).isEmpty();

        send(account.event(2));
        awaitAccount(account.accountId(), 2);
        assertThat(texts(http.get(path, token(owner, "customer")).json().path("items"), "transactionId"))
                .containsExactly("d1");
    }
}
