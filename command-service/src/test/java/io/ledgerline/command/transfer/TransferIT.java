package io.ledgerline.command.transfer;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferRequested;
import io.ledgerline.testkit.http.HttpApi.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the transfer table of PRODUCT.md §2, over HTTP, settled by the transfer process on the real stack. */
class TransferIT extends CommandServiceIT {

    @Autowired
    private SimpleCommandBus commandBus;

    private Response transfer(String token, String id, String source, String destination, long amount,
                              String currency) {
        return api.post("/api/v1/transfers", token, json("transferId", id, "sourceAccountId", source,
                "destinationAccountId", destination, "amount", amount, "currency", currency));
    }

    private List<String> awaitTerminal(String transferId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes("transfer:" + transferId).size() == 2);
        return storedEventTypes("transfer:" + transferId);
    }

    @Test
    void completesATransferAndMovesTheMoney() {
        String source = openAccount("alice", "EUR", 100);
        String destination = openAccount("bob", "EUR", 0);
        String id = unique("t");
        Response accepted = transfer(CUSTOMER, id, source, destination, 40, "EUR");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(accepted.json().path("version").asLong()).isEqualTo(1);

        assertThat(awaitTerminal(id)).containsExactly("TransferRequested", "TransferCompleted");
        assertThat(storedBalance(source)).isEqualTo(60);
        assertThat(storedBalance(destination)).isEqualTo(40);
        assertThat(storedEventTypes("account:" + source)).endsWith("TransferDebited");
        assertThat(storedEventTypes("account:" + destination)).endsWith("TransferCredited");

        Response repeat = transfer(CUSTOMER, id, source, destination, 40, "EUR");
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(repeat.json().path("version").asLong()).isEqualTo(2);

        List<TopicReader.Event> events = TopicReader.awaitEvents(brokers, Topics.TRANSFER_EVENTS, id, 2);
        assertThat(events.get(0).value()).isInstanceOf(TransferRequested.class);
        assertThat(events.get(1).value()).isInstanceOf(TransferCompleted.class);
    }

    @Test
    void recordsWhoCausedEveryEventStepsIncludedInTheStoreAndOnTheTopic() {
        String source = openAccount("alice", "EUR", 100);
        String destination = openAccount("bob", "EUR", 0);
        String id = unique("t");
        assertThat(transfer(CUSTOMER, id, source, destination, 40, "EUR").status()).isEqualTo(202);
        assertThat(awaitTerminal(id)).containsExactly("TransferRequested", "TransferCompleted");

        List<String> sourceMetadata = jdbc.queryForList("""
                select convert_from(metadata, 'UTF8') from domainevententry where aggregateidentifier = ?
                order by sequencenumber""", String.class, "account:" + source);
        assertThat(sourceMetadata.get(0)).contains("\"principal\":\"payments\"", "\"principalRoles\":\"service\"",
                "\"channel\":\"http\""); // opened by the service token
        assertThat(sourceMetadata.get(2)).contains("\"principal\":\"alice\"", "\"principalRoles\":\"customer\"");

        List<TopicReader.Event> debited = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, source, 3);
        assertThat(debited.get(2).value()).isInstanceOf(io.ledgerline.contracts.account.TransferDebited.class);
        assertThat(debited.get(2).header(LedgerHeaders.PRINCIPAL)).isEqualTo("alice");
        assertThat(debited.get(2).header(LedgerHeaders.PRINCIPAL_ROLES)).isEqualTo("customer");
        assertThat(debited.get(2).header(LedgerHeaders.CHANNEL)).isEqualTo("http");
        List<TopicReader.Event> credited = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, destination, 2);
        assertThat(credited.get(1).value()).isInstanceOf(io.ledgerline.contracts.account.TransferCredited.class);
        assertThat(credited.get(1).header(LedgerHeaders.PRINCIPAL)).isEqualTo("alice");
        assertThat(TopicReader.awaitEvents(brokers, Topics.TRANSFER_EVENTS, id, 2))
                .allSatisfy(event -> assertThat(event.header(LedgerHeaders.PRINCIPAL)).isEqualTo("alice"));
    }

    @Test
    void rejectsWhenTheSourceCannotPayAndMovesNoMoney() {
        String source = openAccount("alice", "EUR", 10);
        String destination = openAccount("bob", "EUR", 0);
        String id = unique("t");
        assertThat(transfer(SERVICE, id, source, destination, 11, "EUR").status()).isEqualTo(202);
        assertThat(awaitTerminal(id)).containsExactly("TransferRequested", "TransferRejected");
        assertThat(rejectionCode(id)).isEqualTo("insufficient-funds");
        assertThat(storedBalance(source)).isEqualTo(10);
        assertThat(storedEventTypes("account:" + destination)).containsExactly("AccountOpened");
    }

    @Test
    void rejectsFromAFrozenOrMissingSourceOrInAnotherCurrency() {
        String frozen = openAccount("alice", "EUR", 50);
        api.post("/api/v1/accounts/" + frozen + "/freeze", OPERATOR, json("reason", "review"));
        String destination = openAccount("bob", "EUR", 0);
        String dollars = openAccount("alice", "USD", 50);

        String fromFrozen = unique("t");
        transfer(SERVICE, fromFrozen, frozen, destination, 5, "EUR");
        String fromMissing = unique("t");
        transfer(SERVICE, fromMissing, unique("missing"), destination, 5, "EUR");
        String wrongCurrency = unique("t");
        transfer(SERVICE, wrongCurrency, dollars, destination, 5, "EUR");

        awaitTerminal(fromFrozen);
        awaitTerminal(fromMissing);
        awaitTerminal(wrongCurrency);
        assertThat(rejectionCode(fromFrozen)).isEqualTo("account-frozen");
        assertThat(rejectionCode(fromMissing)).isEqualTo("account-not-found");
        assertThat(rejectionCode(wrongCurrency)).isEqualTo("currency-mismatch");
        assertThat(storedBalance(destination)).isZero();
    }

    @Test
    void refundsTheSourceAndFailsWhenTheDestinationCannotReceive() {
        String source = openAccount("alice", "EUR", 100);
        String closed = openAccount("bob", "EUR", 0);
        api.post("/api/v1/accounts/" + closed + "/close", OPERATOR, null);
        String dollars = openAccount("bob", "USD", 0);

        String toClosed = unique("t");
        transfer(SERVICE, toClosed, source, closed, 30, "EUR");
        String toMissing = unique("t");
        transfer(SERVICE, toMissing, source, unique("missing"), 30, "EUR");
        String toDollars = unique("t");
        transfer(SERVICE, toDollars, source, dollars, 30, "EUR");

        assertThat(awaitTerminal(toClosed)).containsExactly("TransferRequested", "TransferFailed");
        awaitTerminal(toMissing);
        awaitTerminal(toDollars);
        assertThat(failureReason(toClosed)).isEqualTo("account-closed");
        assertThat(failureReason(toMissing)).isEqualTo("account-not-found");
        assertThat(failureReason(toDollars)).isEqualTo("currency-mismatch");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedBalance(source)).isEqualTo(100));
        assertThat(storedEventTypes("account:" + source)).containsSubsequence("TransferDebited", "TransferRefunded");
    }

    /**
     * The case that once held a transfer forever: deposits raise the source's balance while its debit is in flight,
     * the destination refuses the credit, and the refund would take the balance past 2^53 − 1. The credit is held
     * back (the transfer process's dispatch waits on a latch) so the deposits land between the debit and the refund;
     * a deposit that would leave no room for the refund is refused, one that leaves exactly enough is taken, and the
     * refund is applied.
     */
    @Test
    void keepsRoomForTheRefundWhenDepositsLandBetweenTheDebitAndTheRefund() throws InterruptedException {
        long nearMax = LedgerLimits.MAX_BALANCE - 100;
        String source = openAccount("alice", "EUR", LedgerLimits.MAX_AMOUNT);
        for (int i = 1; i < 9; i++) {
            deposit(source, "fill-" + i, LedgerLimits.MAX_AMOUNT);
        }
        deposit(source, "fill-9", nearMax - 9 * LedgerLimits.MAX_AMOUNT);
        String closed = openAccount("bob", "EUR", 0);
        api.post("/api/v1/accounts/" + closed + "/close", OPERATOR, null);

        String id = unique("t");
        CountDownLatch creditSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration holdTheCredit = commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            if (command.getPayload() instanceof CreditForTransfer credit && credit.transferId().equals(id)) {
                creditSent.countDown();
                awaitQuietly(release);
            }
            return command;
        });
        try {
            transfer(SERVICE, id, source, closed, 50, "EUR");
            assertThat(creditSent.await(30, TimeUnit.SECONDS)).as("the transfer process sent the credit").isTrue();
            assertThat(storedBalance(source)).isEqualTo(nearMax - 50);

            Response noRoom = api.post("/api/v1/accounts/" + source + "/deposits", SERVICE,
                    json("transactionId", "too-much", "amount", 101, "currency", "EUR"));
            assertThat(noRoom.status()).as(noRoom.toString()).isEqualTo(422);
            assertThat(noRoom.code()).isEqualTo("amount-out-of-range");
            deposit(source, "exactly-enough", 100);
        } finally {
            release.countDown();
            holdTheCredit.cancel();
        }

        assertThat(awaitTerminal(id)).containsExactly("TransferRequested", "TransferFailed");
        assertThat(failureReason(id)).isEqualTo("account-closed");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(storedBalance(source)).isEqualTo(LedgerLimits.MAX_BALANCE));
        assertThat(storedEventTypes("account:" + source)).endsWith("TransferDebited", "MoneyDeposited", "TransferRefunded");
    }

    private void deposit(String account, String transactionId, long amount) {
        Response deposited = api.post("/api/v1/accounts/" + account + "/deposits", SERVICE,
                json("transactionId", transactionId, "amount", amount, "currency", "EUR"));
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(200);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void creditsAFrozenDestination() {
        String source = openAccount("alice", "EUR", 100);
        String frozen = openAccount("bob", "EUR", 0);
        api.post("/api/v1/accounts/" + frozen + "/freeze", OPERATOR, json("reason", "review"));
        String id = unique("t");
        transfer(SERVICE, id, source, frozen, 25, "EUR");
        assertThat(awaitTerminal(id)).containsExactly("TransferRequested", "TransferCompleted");
        assertThat(storedBalance(frozen)).isEqualTo(25);
    }

    @Test
    void refusesACustomerTransferFromAnotherOwnersAccountAndRecordsNothing() {
        String bobs = openAccount("bob", "EUR", 100);
        String alices = openAccount("alice", "EUR", 0);
        String id = unique("t");
        Response refused = transfer(CUSTOMER, id, bobs, alices, 5, "EUR");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("account-not-found");
        assertThat(storedEventTypes("transfer:" + id)).isEmpty();
    }

    @Test
    void refusesASameAccountTransferAsAValidationError() {
        String account = openAccount("alice", "EUR", 100);
        Response refused = transfer(SERVICE, unique("t"), account, account, 5, "EUR");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation-failed");
    }

    @Test
    void refusesATransferIdReusedForAnotherTransfer() {
        String source = openAccount("alice", "EUR", 100);
        String destination = openAccount("bob", "EUR", 0);
        String id = unique("t");
        transfer(SERVICE, id, source, destination, 5, "EUR");
        Response reused = transfer(SERVICE, id, source, destination, 6, "EUR");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("transaction-id-conflict");
    }

    @Test
    void closeWaitsForTransfersInFlight() {
        String source = openAccount("alice", "EUR", 0);
        jdbc.update("insert into transfer_in_flight (transfer_id, account_id) values ('held', ?)", source);
        try {
            Response refused = api.post("/api/v1/accounts/" + source + "/close", OPERATOR, null);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("transfer-pending");
        } finally {
            jdbc.update("delete from transfer_in_flight where transfer_id = 'held'");
        }
        assertThat(api.post("/api/v1/accounts/" + source + "/close", OPERATOR, null).status()).isEqualTo(200);
    }

    private String rejectionCode(String transferId) {
        return ((io.ledgerline.contracts.transfer.TransferRejected) lastEvent(transferId)).getCode();
    }

    private String failureReason(String transferId) {
        return ((io.ledgerline.contracts.transfer.TransferFailed) lastEvent(transferId)).getReason();
    }

    private Object lastEvent(String transferId) {
        List<TopicReader.Event> events = TopicReader.awaitEvents(brokers, Topics.TRANSFER_EVENTS, transferId, 2);
        return events.get(events.size() - 1).value();
    }
}
