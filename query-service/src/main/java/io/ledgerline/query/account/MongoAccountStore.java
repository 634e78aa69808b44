package io.ledgerline.query.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.projection.BulkWrites;
import io.ledgerline.query.projection.DocumentStore;
import io.ledgerline.query.projection.ReadModelCollections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Account documents and statement lines in one generation's collections, a batch at a time: one {@code $in}
 * read, then one insert command for the statement lines and one update command for the accounts. The lines go
 * first: if the process dies between the two, the redelivered events find the accounts behind, write the same
 * lines again (same ids, a no-op) and then advance the accounts; lines above an account's version are not served.
 */
public final class MongoAccountStore implements DocumentStore<AccountView> {

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    public MongoAccountStore(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    @Override
    public Map<String, AccountView> findAll(Collection<String> accountIds) {
        return mongo.find(query(where("_id").in(accountIds)), AccountView.class, collections.accounts()).stream()
                .collect(Collectors.toMap(AccountView::accountId, Function.identity()));
    }

    @Override
    public Set<String> writeAll(List<AggregateFold<AccountView>> folds) {
        List<StatementRow> lines = folds.stream()
                .flatMap(fold -> fold.applied().stream())
                .map(AccountEvolution::statementRow)
                .flatMap(Optional::stream)
                .toList();
        BulkWrites.insertAll(mongo, StatementRow.class, collections.statements(), lines);
        return BulkWrites.replaceGuarded(mongo, AccountView.class, collections.accounts(), folds,
                AccountView::accountId);
    }
}
