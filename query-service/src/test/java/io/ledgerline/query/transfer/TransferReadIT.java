package io.ledgerline.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TransferReadIT extends IntegrationTestBase {

    private final Instant start = someTime();

    private void sendTransfer(String transferId, long version, SpecificRecord event) {
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, version, event, start.plusSeconds(version)));
    }

    @Test
    void aCompletedTransferShowsBothSidesAndWhenItEnded() {
        String transferId = id("tr");
        sendTransfer(transferId, 1, Events.requested(transferId, "acc-src", "acc-dst", 4_200, "EUR"));
        sendTransfer(transferId, 2, Events.completed(transferId));

        JsonNode transfer = awaitTransfer(transferId, 2);

        assertThat(transfer.path("transferId").asText()).isEqualTo(transferId);
        assertThat(transfer.path("sourceAccountId").asText()).isEqualTo("acc-src");
        assertThat(transfer.path("destinationAccountId").asText()).isEqualTo("acc-dst");
        assertThat(transfer.path("amount").asLong()).isEqualTo(4_200);
        assertThat(transfer.path("currency").asText()).isEqualTo("EUR");
        assertThat(transfer.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(transfer.has("reason")).isFalse();
        assertThat(Instant.parse(transfer.path("requestedAt").asText())).isEqualTo(start.plusSeconds(1));
        assertThat(Instant.parse(transfer.path("completedAt").asText())).isEqualTo(start.plusSeconds(2));
    }

    @Test
    void aRequestedTransferHasNoCompletionAndCarriesItsVersionAsETag() {
        String transferId = id("tr");
        sendTransfer(transferId, 1, Events.requested(transferId, "acc-src", "acc-dst", 1, "USD"));
        awaitTransfer(transferId, 1);

        HttpApi.Response read = http.get("/api/v1/transfers/" + transferId, operator());

        assertThat(read.json().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(read.json().has("completedAt")).isFalse();
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(http.get("/api/v1/transfers/" + transferId, operator(), "If-None-Match", "\"1\"").status())
                .isEqualTo(304);
    }

    @Test
    void rejectedAndFailedTransfersCarryTheirReason() {
        String rejected = id("tr");
        String failed = id("tr");
        sendTransfer(rejected, 1, Events.requested(rejected, "acc-src", "acc-dst", 10, "EUR"));
        sendTransfer(rejected, 2, Events.rejected(rejected, "insufficient-funds"));
        sendTransfer(failed, 1, Events.requested(failed, "acc-src", "acc-dst", 10, "EUR"));
        sendTransfer(failed, 2, Events.failed(failed, "account-closed"));

        JsonNode rejectedView = awaitTransfer(rejected, 2);
        JsonNode failedView = awaitTransfer(failed, 2);

        assertThat(rejectedView.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejectedView.path("reason").asText()).isEqualTo("insufficient-funds");
        assertThat(failedView.path("status").asText()).isEqualTo("FAILED");
        assertThat(failedView.path("reason").asText()).isEqualTo("account-closed");
        assertThat(failedView.path("completedAt").isTextual()).isTrue();
    }

    @Test
    void customersSeeTransfersOfTheirAccountsOnEitherSideOnly() {
        String payer = id("payer");
        String payee = id("payee");
        AccountScript source = new AccountScript(id("acc"), payer, "EUR", start).deposit("d", 100);
        AccountScript destination = new AccountScript(id("acc"), payee, "EUR", start);
        send(source.all());
        send(destination.all());
        String transferId = id("tr");
        sendTransfer(transferId, 1, Events.requested(transferId, source.accountId(), destination.accountId(), 5,
                "EUR"));
        awaitAccount(source.accountId(), 2);
        awaitAccount(destination.accountId(), 1);
        awaitTransfer(transferId, 1);
        String path = "/api/v1/transfers/" + transferId;

        assertThat(http.get(path, token(payer, "customer")).status()).isEqualTo(200);
        assertThat(http.get(path, token(payee, "customer")).status()).isEqualTo(200);
        assertThat(http.get(path, token("svc-payments", "service")).status()).isEqualTo(200);
        assertThat(http.get(path, token("audit-1", "auditor")).status()).isEqualTo(200);
        assertProblem(http.get(path, token(id("stranger"), "customer")), 404, "transfer-not-found");
    }

    @Test
    void anUnknownTransferIsAProblem404() {
        assertProblem(http.get("/api/v1/transfers/" + id("nothing"), operator()), 404, "transfer-not-found");
    }
}
