package io.ledgerline.query.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.query.projection.ReadModelCollections;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Account documents and statement lines in one generation's collections. Guarded writes work without
 * transactions: a replace matches {@code {_id, version: expected}}, an insert relies on the unique {@code _id}.
 */
public final class MongoAccountStore implements AccountStore {

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    public MongoAccountStore(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    @Override
    public Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, AccountView.class, collections.accounts()));
    }

    @Override
    public boolean insert(AccountView account) {
        try {
            mongo.insert(account, collections.accounts());
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    @Override
    public boolean replace(AccountView account, long expectedVersion) {
        Update update = new Update()
                .set("balance", account.balance())
                .set("status", account.status())
                .set("version", account.version())
                .set("updatedAt", account.updatedAt());
        return mongo.updateFirst(query(where("_id").is(account.accountId()).and("version").is(expectedVersion)),
                update, AccountView.class, collections.accounts()).getMatchedCount() == 1;
    }

    @Override
    public void addStatementRow(StatementRow row) {
        try {
            mongo.insert(row, collections.statements());
        } catch (DuplicateKeyException alreadyThere) {
            // the same event wrote the same line before: nothing to do
        }
    }
}
