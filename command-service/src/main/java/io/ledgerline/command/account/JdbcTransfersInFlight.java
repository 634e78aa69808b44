package io.ledgerline.command.account;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Transfers in flight in PostgreSQL, written in the transaction of the transfer's own events. */
@Repository
class JdbcTransfersInFlight implements TransfersInFlight {

    private final JdbcTemplate jdbc;

    JdbcTransfersInFlight(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String transferId, String sourceAccountId, String destinationAccountId) {
        jdbc.update("insert into transfer_in_flight (transfer_id, account_id) values (?, ?), (?, ?)",
                transferId, sourceAccountId, transferId, destinationAccountId);
    }

    @Override
    public void release(String transferId) {
        jdbc.update("delete from transfer_in_flight where transfer_id = ?", transferId);
    }

    @Override
    public boolean involves(String accountId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from transfer_in_flight where account_id = ?)", Boolean.class, accountId));
    }
}
