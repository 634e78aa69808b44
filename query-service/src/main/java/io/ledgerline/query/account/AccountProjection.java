package io.ledgerline.query.account;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.GapAwareProjection;
import io.ledgerline.query.projection.ParkedEvents;
import java.util.Optional;

/**
 * Projects the account stream into account documents and statement lines. The statement line is written before
 * the account document: if the process dies between the two, the redelivered event finds the account one version
 * behind, rewrites the same line (same id) and then advances the account.
 */
public final class AccountProjection extends GapAwareProjection<AccountView> {

    private final AccountStore store;

    public AccountProjection(AccountStore store, ParkedEvents parked) {
        super(AggregateType.ACCOUNT, parked);
        this.store = store;
    }

    @Override
    protected Optional<AccountView> load(String accountId) {
        return store.find(accountId);
    }

    @Override
    protected long versionOf(AccountView account) {
        return account.version();
    }

    @Override
    protected boolean applyNext(Optional<AccountView> current, EventEnvelope event) {
        if (current.isEmpty()) {
            return store.insert(AccountEvolution.opened(event));
        }
        AccountView account = current.get();
        AccountView next = AccountEvolution.evolve(account, event);
        AccountEvolution.statementRow(event).ifPresent(store::addStatementRow);
        return store.replace(next, account.version());
    }
}
