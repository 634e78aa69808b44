package io.ledgerline.command.account;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.DepositMoney;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.AccountCommand.WithdrawMoney;
import io.ledgerline.command.batch.BatchPrefetch;
import io.ledgerline.command.batch.DeferredWrites;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The operation log in PostgreSQL. Rows are written in the command's unit of work, at its commit, in the
 * transaction that appends its events ({@link DeferredWrites}), so the consumed id and the event commit or roll
 * back together; the primary key refuses a concurrent duplicate, the batch rolls back, and the command's retry
 * finds the id consumed. A batch of commands reads the keys it will look up in one query ({@link #prefetch});
 * what a command of the same unit of work recorded is seen by the next (two deposits with one id in one batch:
 * the second replays the first).
 */
@Repository
class JdbcOperationLog implements OperationLog, BatchPrefetch {

    private static final String READ_AHEAD = JdbcOperationLog.class.getName() + ".readAhead";
    private static final String RECORDED = JdbcOperationLog.class.getName() + ".recorded";
    private static final String COLUMNS = "operation, amount, currency, version, balance_after, refusal";

    private record Key(String accountId, String scope, String referenceId) {
    }

    /** What a batch read ahead: the keys it asked for, and the entries found among them. */
    private record ReadAhead(Set<Key> asked, Map<Key, Entry> found) {
    }

    private final JdbcTemplate jdbc;

    JdbcOperationLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> find(String accountId, Kind kind, String referenceId) {
        Key key = new Key(accountId, kind.scope(), referenceId);
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            Map<Key, Entry> recorded = root.getResource(RECORDED);
            if (recorded != null && recorded.containsKey(key)) {
                return Optional.of(recorded.get(key));
            }
            ReadAhead readAhead = root.getResource(READ_AHEAD);
            if (readAhead != null && readAhead.asked().contains(key)) {
                return Optional.ofNullable(readAhead.found().get(key));
            }
        }
        return jdbc.query("select " + COLUMNS + " from account_operation"
                        + " where account_id = ? and scope = ? and reference_id = ?",
                (rs, row) -> entry(rs, 1), accountId, key.scope(), referenceId).stream().findFirst();
    }

    @Override
    public void record(String accountId, Kind kind, String referenceId, Money money, long version,
                       long balanceAfter) {
        remember(new Key(accountId, kind.scope(), referenceId),
                new Entry(kind, money.amount(), money.currency(), version, balanceAfter, null));
        DeferredWrites.add(jdbc, """
                        insert into account_operation
                          (account_id, scope, reference_id, operation, amount, currency, version, balance_after)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                accountId, kind.scope(), referenceId, kind.name(), money.amount(), money.currency(), version,
                balanceAfter);
    }

    @Override
    public void recordRefusal(String accountId, Kind kind, String referenceId, Money money, Refusal refusal) {
        remember(new Key(accountId, kind.scope(), referenceId),
                new Entry(kind, money.amount(), money.currency(), null, null, refusal));
        DeferredWrites.add(jdbc, """
                        insert into account_operation
                          (account_id, scope, reference_id, operation, amount, currency, refusal)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                accountId, kind.scope(), referenceId, kind.name(), money.amount(), money.currency(), refusal.name());
    }

    @Override
    public void prefetch(List<CommandMessage<?>> commands, UnitOfWork<?> batch) {
        Set<Key> asked = new LinkedHashSet<>();
        for (CommandMessage<?> command : commands) {
            keyOf(command.getPayload()).ifPresent(asked::add);
        }
        if (asked.isEmpty()) {
            return;
        }
        List<String> accounts = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        List<String> references = new ArrayList<>();
        asked.forEach(key -> {
            accounts.add(key.accountId());
            scopes.add(key.scope());
            references.add(key.referenceId());
        });
        Map<Key, Entry> found = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select o.account_id, o.scope, o.reference_id, " + COLUMNS
                    + " from account_operation o join unnest(?::varchar[], ?::varchar[], ?::varchar[])"
                    + " as k(account_id, scope, reference_id) using (account_id, scope, reference_id)");
            statement.setArray(1, connection.createArrayOf("varchar", accounts.toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", scopes.toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", references.toArray()));
            return statement;
        }, rs -> {
            found.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), entry(rs, 4));
        });
        batch.resources().put(READ_AHEAD, new ReadAhead(asked, found));
    }

    /** The operation-log key a command will look up, if it is one that consumes an id. */
    private static Optional<Key> keyOf(Object command) {
        if (command instanceof DepositMoney c) {
            return Optional.of(new Key(c.accountId(), Kind.DEPOSIT.scope(), c.transactionId()));
        }
        if (command instanceof WithdrawMoney c) {
            return Optional.of(new Key(c.accountId(), Kind.WITHDRAWAL.scope(), c.transactionId()));
        }
        if (command instanceof DebitForTransfer c) {
            return Optional.of(new Key(c.accountId(), Kind.TRANSFER_DEBIT.scope(), c.transferId()));
        }
        if (command instanceof CreditForTransfer c) {
            return Optional.of(new Key(c.accountId(), Kind.TRANSFER_CREDIT.scope(), c.transferId()));
        }
        if (command instanceof RefundTransfer c) {
            return Optional.of(new Key(c.accountId(), Kind.TRANSFER_REFUND.scope(), c.transferId()));
        }
        return Optional.empty();
    }

    private static void remember(Key key, Entry entry) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.<Map<Key, Entry>>getOrComputeResource(RECORDED, k -> new HashMap<>()).put(key, entry);
        }
    }

    private static Entry entry(ResultSet rs, int first) throws SQLException {
        String refusal = rs.getString(first + 5);
        return new Entry(Kind.valueOf(rs.getString(first)), rs.getLong(first + 1), rs.getString(first + 2),
                rs.getObject(first + 3, Long.class), rs.getObject(first + 4, Long.class),
                refusal == null ? null : Refusal.valueOf(refusal));
    }
}
