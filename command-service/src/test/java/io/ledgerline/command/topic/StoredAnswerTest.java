package io.ledgerline.command.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerline.command.topic.CommandTopicListener.StoredAnswer;
import io.ledgerline.contracts.command.CommandOutcome;
import org.junit.jupiter.api.Test;

/**
 * Status rows outlive a deployment: a redelivered command message is answered from the row an earlier version
 * wrote. These are the result columns as the previous version (which read them field by field) stored them, one
 * per body shape, and the outcome it published for each.
 */
class StoredAnswerTest {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void aStoredMoneyAnswerBecomesTheOutcomeThePreviousVersionPublished() throws Exception {
        assertThat(outcomeOf("{\"accountId\":\"acc-1\",\"transactionId\":\"tx-1\",\"version\":3,\"balance\":250}"))
                .isEqualTo(CommandOutcome.newBuilder().setAccountId("acc-1").setTransactionId("tx-1").setVersion(3L)
                        .setBalance(250L).build());
    }

    @Test
    void aStoredAccountAnswerHasNoBalanceNorTransaction() throws Exception {
        assertThat(outcomeOf("{\"accountId\":\"acc-1\",\"version\":1}"))
                .isEqualTo(CommandOutcome.newBuilder().setAccountId("acc-1").setVersion(1L).build());
    }

    @Test
    void aStoredTransferAnswerCarriesItsStatusAsTheTransferStatus() throws Exception {
        assertThat(outcomeOf("{\"transferId\":\"tr-1\",\"status\":\"REQUESTED\",\"version\":1}"))
                .isEqualTo(CommandOutcome.newBuilder().setTransferId("tr-1").setTransferStatus("REQUESTED")
                        .setVersion(1L).build());
    }

    @Test
    void aMemberALaterBodyAddsDoesNotStopTheOutcome() throws Exception {
        assertThat(outcomeOf("{\"accountId\":\"acc-1\",\"version\":1,\"openedAt\":\"2026-12-04T00:00:00Z\"}"))
                .isEqualTo(CommandOutcome.newBuilder().setAccountId("acc-1").setVersion(1L).build());
    }

    private static CommandOutcome outcomeOf(String storedResult) throws Exception {
        return STRICT.treeToValue(STRICT.readTree(storedResult), StoredAnswer.class).toOutcome();
    }
}
