package io.ledgerline.query.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/** The account read model: one document per account, also the body of {@code GET /api/v1/accounts/{id}}. */
public record AccountView(@Id String accountId, String ownerId, String currency, long balance, long overdraftLimit,
                          AccountStatus status, long version, Instant openedAt, Instant updatedAt) {

    AccountView next(long nextVersion, Instant at) {
        return new AccountView(accountId, ownerId, currency, balance, overdraftLimit, status, nextVersion, openedAt, at);
    }

    AccountView withBalance(long value) {
        return new AccountView(accountId, ownerId, currency, value, overdraftLimit, status, version, openedAt, updatedAt);
    }

    AccountView withStatus(AccountStatus value) {
        return new AccountView(accountId, ownerId, currency, balance, overdraftLimit, value, version, openedAt, updatedAt);
    }
}
