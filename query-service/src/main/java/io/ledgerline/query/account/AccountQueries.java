package io.ledgerline.query.account;

import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.VersionWait;
import io.ledgerline.query.security.Reader;
import io.ledgerline.query.web.ResultPage;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads of the account read model, always from the active generation's {@link MongoAccountStore}, with the
 * reader's rights applied to the documents themselves: another owner's account reads as not found. Every value
 * from a request reaches MongoDB as a typed criterion value, never as part of a query document.
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
        return versionWait.await(() -> active().find(accountId).filter(account -> reader.mayRead(account.ownerId())),
                        AccountView::version, minVersion)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
    }

    /** The account's owner, for another read model's rights (a transfer is visible to both accounts' owners). */
    public Optional<String> ownerOf(String accountId) {
        return active().find(accountId).map(AccountView::ownerId);
    }

    /** Accounts by id ascending, after {@code afterAccountId} (exclusive) when continuing. */
    public ResultPage<AccountView> accounts(Reader reader, String ownerId, AccountStatus status,
            String afterAccountId, int limit) {
        return ResultPage.of(active().accounts(reader.ownerFilter(ownerId), status, afterAccountId, limit + 1),
                limit);
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
        return ResultPage.of(active().statement(accountId, below, from, to, limit + 1).stream()
                .map(StatementRow::toEntry).toList(), limit);
    }

    public OwnerSummary summary(String ownerId, Reader reader) {
        String owner = reader.ownerFilter(ownerId).orElse(ownerId);
        try (Stream<OwnerSummary.Row> rows = active().summaryRows(owner)) {
            return OwnerSummary.of(owner, rows::iterator);
        }
    }

    private MongoAccountStore active() {
        return new MongoAccountStore(mongo, generations.active());
    }
}
