package io.ledgerline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.account.StatementRow;
import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.query.transfer.TransferView;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.http.HttpApi;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** PRODUCT.md §8: a rebuild from offset 0 into fresh collections yields the same read models, then serves reads. */
class RebuildIT extends IntegrationTestBase {

    private static final String PATH = "/api/v1/admin/projections/rebuild";

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private Generations generations;

    @Test
    void aRebuildProducesEqualReadModelsAndSwitchesReadsOverToThem() {
        String owner = id("owner");
        AccountScript source = new AccountScript(id("acc"), owner, "EUR", someTime()).deposit("d", 900).freeze();
        AccountScript destination = new AccountScript(id("acc"), id("owner"), "EUR", someTime());
        String transferId = id("tr");
        source.unfreeze().debit(transferId, destination.accountId(), 400);
        destination.credit(transferId, source.accountId(), 400);
        send(source.all());
        send(destination.all());
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                Events.requested(transferId, source.accountId(), destination.accountId(), 400, "EUR"), someTime()));
        send(EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 2, Events.completed(transferId), someTime()));
        awaitAccount(source.accountId(), 5);
        awaitAccount(destination.accountId(), 2);
        awaitTransfer(transferId, 2);
        ReadModelCollections before = generations.active();

        assertProblem(http.send("POST", PATH, token(owner, "customer"), null), 403, "forbidden");
        HttpApi.Response started = http.send("POST", PATH, operator(), null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("lastRebuild").path("targetGeneration").asLong())
                .isEqualTo(before.generation() + 1);

        JsonNode done = await().atMost(AWAIT).until(() -> http.get(PATH, operator()).json(),
                status -> status.path("state").asText().equals("COMPLETED")
                        && status.path("activeGeneration").asLong() == before.generation() + 1);
        JsonNode rebuild = done.path("lastRebuild");
        assertThat(rebuild.path("eventsApplied").asLong()).isGreaterThanOrEqualTo(9);
        assertThat(rebuild.path("partitions")).hasSize(4);
        rebuild.path("partitions").forEach(partition ->
                assertThat(partition.path("position").asLong()).isEqualTo(partition.path("endOffset").asLong()));
        assertThat(rebuild.path("finishedAt").isTextual()).isTrue();

        ReadModelCollections after = generations.active();
        assertThat(after.generation()).isEqualTo(before.generation() + 1);
        assertThat(all(AccountView.class, after.accounts(), AccountView::accountId))
                .isEqualTo(all(AccountView.class, before.accounts(), AccountView::accountId));
        assertThat(all(StatementRow.class, after.statements(), StatementRow::id))
                .isEqualTo(all(StatementRow.class, before.statements(), StatementRow::id));
        assertThat(all(TransferView.class, after.transfers(), TransferView::transferId))
                .isEqualTo(all(TransferView.class, before.transfers(), TransferView::transferId));
        assertThat(mongo.count(new Query(), after.accounts())).isGreaterThanOrEqualTo(2);

        JsonNode served = http.get("/api/v1/accounts/" + source.accountId(), token(owner, "customer")).json();
        assertThat(served.path("balance").asLong()).isEqualTo(500);
        source.deposit("after-switch", 1);
        send(source.event(6));
        assertThat(awaitAccount(source.accountId(), 6).path("balance").asLong()).isEqualTo(501);
        assertThat(mongo.findById(source.accountId(), AccountView.class, after.accounts()).version()).isEqualTo(6);
    }

    private <T> List<T> all(Class<T> type, String collection, Function<T, String> id) {
        return mongo.find(new Query(), type, collection).stream().sorted(Comparator.comparing(id)).toList();
    }
}
