package io.ledgerline.command.account;

import io.ledgerline.command.batch.DeferredWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Transfers in flight in PostgreSQL, written in the transaction of the transfer's own events, at its commit
 * ({@link DeferredWrites}: a batch of transfers inserts its rows in one statement).
 */
@Repository
class JdbcTransfersInFlight implements TransfersInFlight {

    private static final String REGISTER = "insert into transfer_in_flight (transfer_id, account_id) values (?, ?)";
    private static final String RELEASE = "delete from transfer_in_flight where transfer_id = ?";

    private final JdbcTemplate jdbc;

    JdbcTransfersInFlight(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String transferId, String sourceAccountId, String destinationAccountId) {
        DeferredWrites.add(jdbc, REGISTER, transferId, sourceAccountId);
        DeferredWrites.add(jdbc, REGISTER, transferId, destinationAccountId);
    }

    @Override
    public void release(String transferId) {
        DeferredWrites.add(jdbc, RELEASE, transferId);
    }

    /**
     * The source's debits (applied, not refused) of its transfers in flight that have no refund yet; read only
     * when the account's own upper bound cannot prove the headroom, which near the balance limit is rare.
     */
    @Override
    public long debitsInFlight(String accountId) {
        DeferredWrites.flush();
        Long sum = jdbc.queryForObject("""
                select coalesce(sum(d.amount), 0) from transfer_in_flight f
                join account_operation d on d.account_id = f.account_id and d.scope = 'TRANSFER_DEBIT'
                    and d.reference_id = f.transfer_id and d.refusal is null
                where f.account_id = ? and not exists (select 1 from account_operation r
                    where r.account_id = f.account_id and r.scope = 'TRANSFER_REFUND'
                    and r.reference_id = f.transfer_id)""", Long.class, accountId);
        return sum == null ? 0 : sum;
    }

    @Override
    public boolean involves(String accountId) {
        DeferredWrites.flush(); // what this unit of work registered or released counts too
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from transfer_in_flight where account_id = ?)", Boolean.class, accountId));
    }
}
