package io.ledgerline.query.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.projection.BulkWrites;
import io.ledgerline.query.projection.DocumentStore;
import io.ledgerline.query.projection.ReadModelCollections;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Account documents and statement lines in one generation's collections: the one class that knows their stored
 * field names, for the projection's writes, the queries' reads and the indexes that serve them.
 *
 * <p>The projection writes a batch at a time: one {@code $in} read, then one insert command for the statement
 * lines and one update command for the accounts. The lines go first: if the process dies between the two, the
 * redelivered events find the accounts behind, write the same lines again (same ids, a no-op) and then advance the
 * accounts; lines above an account's version are not served.
 */
public final class MongoAccountStore implements DocumentStore<AccountView> {

    private static final String ID = "_id";
    private static final String OWNER_ID = "ownerId";
    private static final String STATUS = "status";
    private static final String CURRENCY = "currency";
    private static final String BALANCE = "balance";
    private static final String ACCOUNT_ID = "accountId";
    private static final String VERSION = "version";
    private static final String OCCURRED_AT = "occurredAt";

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    public MongoAccountStore(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    @Override
    public Map<String, AccountView> findAll(Collection<String> accountIds) {
        return mongo.find(query(where(ID).in(accountIds)), AccountView.class, collections.accounts()).stream()
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

    /** The indexes the reads below use: accounts by owner, statement lines by version and by time. */
    void ensureIndexes() {
        mongo.indexOps(collections.accounts()).createIndex(new Index()
                .on(OWNER_ID, Sort.Direction.ASC).on(ID, Sort.Direction.ASC).named("owner_account"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on(ACCOUNT_ID, Sort.Direction.ASC).on(VERSION, Sort.Direction.DESC).named("account_version"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on(ACCOUNT_ID, Sort.Direction.ASC).on(OCCURRED_AT, Sort.Direction.ASC).named("account_time"));
    }

    Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, AccountView.class, collections.accounts()));
    }

    /** Up to {@code count} accounts by id ascending, of one owner and status when given, after an id when given. */
    List<AccountView> accounts(Optional<String> ownerId, AccountStatus status, String afterAccountId, int count) {
        Criteria criteria = new Criteria();
        ownerId.ifPresent(id -> criteria.and(OWNER_ID).is(id));
        if (status != null) {
            criteria.and(STATUS).is(status);
        }
        if (afterAccountId != null) {
            criteria.and(ID).gt(afterAccountId);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.ASC, ID)).limit(count);
        return mongo.find(query, AccountView.class, collections.accounts());
    }

    /** Up to {@code count} statement lines newest first, below a version, within {@code [from, to)} on time. */
    List<StatementRow> statement(String accountId, long belowVersion, Instant from, Instant to, int count) {
        Criteria criteria = where(ACCOUNT_ID).is(accountId).and(VERSION).lt(belowVersion);
        if (from != null && to != null) {
            criteria.and(OCCURRED_AT).gte(from).lt(to);
        } else if (from != null) {
            criteria.and(OCCURRED_AT).gte(from);
        } else if (to != null) {
            criteria.and(OCCURRED_AT).lt(to);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, VERSION)).limit(count);
        return mongo.find(query, StatementRow.class, collections.statements());
    }

    /**
     * The owner's accounts, three fields each, streamed (the caller closes the stream): an owner with many accounts
     * never has them all in memory at once.
     */
    Stream<OwnerSummary.Row> summaryRows(String ownerId) {
        Query query = Query.query(where(OWNER_ID).is(ownerId));
        query.fields().include(CURRENCY, BALANCE, STATUS);
        query.cursorBatchSize(500);
        return mongo.stream(query, OwnerSummary.Row.class, collections.accounts());
    }
}
