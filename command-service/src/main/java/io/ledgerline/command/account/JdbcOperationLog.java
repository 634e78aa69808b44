package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The operation log in PostgreSQL. Runs inside the command's transaction (the one that appends its events), so
 * the consumed id and the event commit or roll back together; the primary key refuses a concurrent duplicate,
 * and the command gateway then retries, finding the id consumed.
 */
@Repository
class JdbcOperationLog implements OperationLog {

    private final JdbcTemplate jdbc;

    JdbcOperationLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> find(String accountId, Kind kind, String referenceId) {
        return jdbc.query("""
                        select operation, amount, currency, version, balance_after, refusal from account_operation
                        where account_id = ? and scope = ? and reference_id = ?""",
                (rs, row) -> new Entry(Kind.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class),
                        rs.getString(6) == null ? null : Refusal.valueOf(rs.getString(6))),
                accountId, kind.scope(), referenceId).stream().findFirst();
    }

    @Override
    public void record(String accountId, Kind kind, String referenceId, Money money, long version,
                       long balanceAfter) {
        jdbc.update("""
                        insert into account_operation
                          (account_id, scope, reference_id, operation, amount, currency, version, balance_after)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                accountId, kind.scope(), referenceId, kind.name(), money.amount(), money.currency(), version,
                balanceAfter);
    }

    @Override
    public void recordRefusal(String accountId, Kind kind, String referenceId, Money money, Refusal refusal) {
        jdbc.update("""
                        insert into account_operation
                          (account_id, scope, reference_id, operation, amount, currency, refusal)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                accountId, kind.scope(), referenceId, kind.name(), money.amount(), money.currency(), refusal.name());
    }
}
