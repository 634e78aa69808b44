package io.ledgerline.query.support;

import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.events.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One account's event stream, written the way the command-service would: versions from 1, balanceAfter kept
 * by the script, occurredAt one minute apart from {@code start}.
 */
public final class AccountScript {

    private final String accountId;
    private final String currency;
    private final Instant start;
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private long balance;

    public AccountScript(String accountId, String ownerId, String currency, Instant start) {
        this.accountId = accountId;
        this.currency = currency;
        this.start = start;
        add(Events.opened(accountId, ownerId, currency, 0));
    }

    public String accountId() {
        return accountId;
    }

    public long balance() {
        return balance;
    }

    public long version() {
        return records.size();
    }

    public AccountScript deposit(String transactionId, long amount) {
        balance += amount;
        return add(Events.deposited(accountId, transactionId, amount, currency, balance, "deposit " + transactionId));
    }

    public AccountScript withdraw(String transactionId, long amount) {
        balance -= amount;
        return add(Events.withdrawn(accountId, transactionId, amount, currency, balance));
    }

    public AccountScript debit(String transferId, String counterparty, long amount) {
        balance -= amount;
        return add(Events.debited(accountId, transferId, counterparty, amount, currency, balance));
    }

    public AccountScript credit(String transferId, String counterparty, long amount) {
        balance += amount;
        return add(Events.credited(accountId, transferId, counterparty, amount, currency, balance));
    }

    public AccountScript refund(String transferId, long amount) {
        balance += amount;
        return add(Events.refunded(accountId, transferId, amount, currency, balance));
    }

    public AccountScript freeze() {
        return add(Events.frozen(accountId));
    }

    public AccountScript unfreeze() {
        return add(Events.unfrozen(accountId));
    }

    public AccountScript close() {
        return add(Events.closed(accountId));
    }

    /** When the event of {@code version} occurred. */
    public Instant at(long version) {
        return start.plusSeconds(60 * version);
    }

    public ProducerRecord<byte[], byte[]> event(long version) {
        return records.get((int) version - 1);
    }

    public List<ProducerRecord<byte[], byte[]>> all() {
        return List.copyOf(records);
    }

    private AccountScript add(SpecificRecord event) {
        long version = records.size() + 1;
        records.add(EventRecords.record(Topics.ACCOUNT_EVENTS, accountId, version, event, at(version)));
        return this;
    }
}
