package io.ledgerline.query.account;

import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Evolution;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What each account event does to the read model, as pure functions. Every event advances the version, also
 * those that add no statement line; money events set the balance from {@code balanceAfter}, so the read model
 * never does arithmetic of its own.
 */
public final class AccountEvolution {

    /** The account stream's evolution, as the batch fold uses it. */
    public static final Evolution<AccountView> EVOLUTION = new Evolution<>() {
        @Override
        public AccountView start(EventEnvelope first) {
            return opened(first);
        }

        @Override
        public AccountView evolve(AccountView account, EventEnvelope next) {
            return AccountEvolution.evolve(account, next);
        }

        @Override
        public long versionOf(AccountView account) {
            return account.version();
        }
    };

    private AccountEvolution() {
    }

    public static AccountView opened(EventEnvelope envelope) {
        if (!(envelope.event() instanceof AccountOpened opened)) {
            throw new IllegalArgumentException("an account stream starts with AccountOpened, not " + envelope);
        }
        return new AccountView(opened.getAccountId(), opened.getOwnerId(), opened.getCurrency(), 0,
                opened.getOverdraftLimit(), AccountStatus.OPEN, envelope.version(), envelope.occurredAt(),
                envelope.occurredAt());
    }

    public static AccountView evolve(AccountView account, EventEnvelope envelope) {
        AccountView next = account.next(envelope.version(), envelope.occurredAt());
        SpecificRecord event = envelope.event();
        if (event instanceof MoneyDeposited e) {
            return next.withBalance(e.getBalanceAfter());
        }
        if (event instanceof MoneyWithdrawn e) {
            return next.withBalance(e.getBalanceAfter());
        }
        if (event instanceof TransferDebited e) {
            return next.withBalance(e.getBalanceAfter());
        }
        if (event instanceof TransferCredited e) {
            return next.withBalance(e.getBalanceAfter());
        }
        if (event instanceof TransferRefunded e) {
            return next.withBalance(e.getBalanceAfter());
        }
        if (event instanceof AccountFrozen) {
            return next.withStatus(AccountStatus.FROZEN);
        }
        if (event instanceof AccountUnfrozen) {
            return next.withStatus(AccountStatus.OPEN);
        }
        if (event instanceof AccountClosed) {
            return next.withStatus(AccountStatus.CLOSED);
        }
        throw new IllegalArgumentException("not an event that follows an account's opening: " + envelope);
    }

    /** The statement line an event adds, if it moves money. */
    public static Optional<StatementRow> statementRow(EventEnvelope envelope) {
        SpecificRecord event = envelope.event();
        String accountId = envelope.aggregateId();
        long version = envelope.version();
        if (event instanceof MoneyDeposited e) {
            return Optional.of(StatementRow.of(accountId, version, e.getTransactionId(), StatementType.DEPOSIT,
                    e.getAmount(), e.getBalanceAfter(), envelope.occurredAt(), null, e.getDescription()));
        }
        if (event instanceof MoneyWithdrawn e) {
            return Optional.of(StatementRow.of(accountId, version, e.getTransactionId(), StatementType.WITHDRAWAL,
                    e.getAmount(), e.getBalanceAfter(), envelope.occurredAt(), null, e.getDescription()));
        }
        if (event instanceof TransferDebited e) {
            return Optional.of(StatementRow.of(accountId, version, e.getTransferId(), StatementType.TRANSFER_OUT,
                    e.getAmount(), e.getBalanceAfter(), envelope.occurredAt(), e.getTransferId(),
                    e.getDescription()));
        }
        if (event instanceof TransferCredited e) {
            return Optional.of(StatementRow.of(accountId, version, e.getTransferId(), StatementType.TRANSFER_IN,
                    e.getAmount(), e.getBalanceAfter(), envelope.occurredAt(), e.getTransferId(),
                    e.getDescription()));
        }
        if (event instanceof TransferRefunded e) {
            return Optional.of(StatementRow.of(accountId, version, e.getTransferId(), StatementType.TRANSFER_REFUND,
                    e.getAmount(), e.getBalanceAfter(), envelope.occurredAt(), e.getTransferId(), null));
        }
        return Optional.empty();
    }
}
