package io.ledgerline.query.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * One statement line as stored. The id is the account id plus the version of the event that made it, so
 * writing the same event again hits the same document.
 */
public record StatementRow(@Id String id, String accountId, long version, String transactionId, StatementType type,
                           long amount, long balanceAfter, Instant occurredAt, String transferId,
                           String description) {

    static StatementRow of(String accountId, long version, String transactionId, StatementType type, long amount,
                           long balanceAfter, Instant occurredAt, String transferId, String description) {
        return new StatementRow(accountId + ":" + version, accountId, version, transactionId, type, amount,
                balanceAfter, occurredAt, transferId, description);
    }

    StatementEntry toEntry() {
        return new StatementEntry(transactionId, type, amount, balanceAfter, occurredAt, transferId, description,
                version);
    }
}
