package io.ledgerline.query.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.projection.VersionWait;
import io.ledgerline.query.security.Reader;
import io.ledgerline.query.web.ResultPage;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads of the account read model, always from the active generation, with the reader's rights applied to the
 * documents themselves: another owner's account reads as not found. Every value from a request reaches MongoDB
 * as a typed criterion value, never as part of a query document.
 */
@Service
public class AccountQueries {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final VersionWait versionWait;

    public AccountQueries(MongoTemplate mongo, Generations generations, VersionWait versionWait) {
        this.mongo = mongo;
        this.generations = generations;
        this.versionWait = versionWait;
    }

    public AccountView account(String accountId, Reader reader, Long minVersion) {
        // rights first: another owner's account waits and answers exactly like a missing one
        return versionWait.await(() -> find(accountId).filter(account -> reader.mayRead(account.ownerId())),
                        AccountView::version, minVersion)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
    }

    /** Accounts by id ascending, after {@code afterAccountId} (exclusive) when continuing. */
    public ResultPage<AccountView> accounts(Reader reader, String ownerId, AccountStatus status,
            String afterAccountId, int limit) {
        Optional<String> owner = reader.ownerFilter(ownerId);
        Criteria criteria = new Criteria();
        owner.ifPresent(id -> criteria.and("ownerId").is(id));
        if (status != null) {
            criteria.and("status").is(status);
        }
        if (afterAccountId != null) {
            criteria.and("_id").gt(afterAccountId);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.ASC, "_id")).limit(limit + 1);
        return ResultPage.of(mongo.find(query, AccountView.class, active().accounts()), limit);
    }

    /**
     * Statement lines newest first (by version), optionally within {@code [from, to)} on occurredAt, below
     * {@code beforeVersion} when continuing.
     */
    public ResultPage<StatementEntry> statement(String accountId, Reader reader, Long minVersion, Instant from,
            Instant to, Long beforeVersion, int limit) {
        AccountView account = account(accountId, reader, minVersion);
        // a line whose account document has not advanced yet (a crash between the two writes) waits for it
        long below = beforeVersion == null ? account.version() + 1 : Math.min(beforeVersion, account.version() + 1);
        Criteria criteria = where("accountId").is(accountId).and("version").lt(below);
        if (from != null && to != null) {
            criteria.and("occurredAt").gte(from).lt(to);
        } else if (from != null) {
            criteria.and("occurredAt").gte(from);
        } else if (to != null) {
            criteria.and("occurredAt").lt(to);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "version")).limit(limit + 1);
        return ResultPage.of(mongo.find(query, StatementRow.class, active().statements()).stream()
                .map(StatementRow::toEntry).toList(), limit);
    }

    public OwnerSummary summary(String ownerId, Reader reader) {
        String owner = reader.ownerFilter(ownerId).orElse(ownerId);
        Query query = Query.query(where("ownerId").is(owner));
        query.fields().include("currency", "balance", "status");
        query.cursorBatchSize(500);
        // streamed, three fields each: an owner with many accounts never has them all in memory at once
        try (Stream<OwnerSummary.Row> rows = mongo.stream(query, OwnerSummary.Row.class, active().accounts())) {
            return OwnerSummary.of(owner, rows::iterator);
        }
    }

    private Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, AccountView.class, active().accounts()));
    }

    private ReadModelCollections active() {
        return generations.active();
    }
}
