package io.ledgerline.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.testkit.events.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerAuditTest {

    private static StoredEvent opened(String id, long version, long overdraft) {
        return new StoredEvent(id, version, Events.opened(id, "o", "EUR", overdraft));
    }

    private static StoredEvent deposited(String id, long version, String tx, long amount, long after) {
        return new StoredEvent(id, version, Events.deposited(id, tx, amount, "EUR", after, null));
    }

    private static StoredEvent withdrawn(String id, long version, String tx, long amount, long after) {
        return new StoredEvent(id, version, Events.withdrawn(id, tx, amount, "EUR", after));
    }

    private static List<StoredEvent> transferBetween(List<StoredEvent> accounts) {
        accounts.add(new StoredEvent("a", 3, TransferDebited.newBuilder().setAccountId("a").setTransferId("t")
                .setCounterpartyAccountId("b").setAmount(30).setCurrency("EUR").setBalanceAfter(70).build()));
        accounts.add(new StoredEvent("b", 2, TransferCredited.newBuilder().setAccountId("b").setTransferId("t")
                .setCounterpartyAccountId("a").setAmount(30).setCurrency("EUR").setBalanceAfter(30).build()));
        return List.of(new StoredEvent("t", 1, Events.requested("t", "a", "b", 30, "EUR")),
                new StoredEvent("t", 2, Events.completed("t")));
    }

    @Test
    void passesAConsistentLedger() {
        List<StoredEvent> accounts = new ArrayList<>(List.of(opened("a", 1, 0), deposited("a", 2, "x", 100, 100),
                opened("b", 1, 0)));
        List<StoredEvent> transfers = transferBetween(accounts);
        LedgerAudit.Report report = LedgerAudit.audit(accounts, transfers, true);
        assertThat(report.violations()).isEmpty();
        assertThat(report.accounts().get("a").balance()).isEqualTo(70);
        assertThat(report.accounts().get("b").balance()).isEqualTo(30);
        assertThat(report.transfers().get("t").status()).isEqualTo("COMPLETED");
    }

    @Test
    void flagsATransactionAppliedTwice() {
        List<StoredEvent> accounts = List.of(opened("a", 1, 0), deposited("a", 2, "x", 100, 100),
                deposited("a", 3, "x", 100, 200));
        assertThat(LedgerAudit.audit(accounts, List.of(), true).violations())
                .anySatisfy(v -> assertThat(v).contains("applied twice"));
    }

    @Test
    void flagsABalanceBelowTheOverdraftLimit() {
        List<StoredEvent> accounts = List.of(opened("a", 1, 50), withdrawn("a", 2, "x", 60, -60));
        assertThat(LedgerAudit.audit(accounts, List.of(), true).violations())
                .anySatisfy(v -> assertThat(v).contains("below overdraft limit"));
    }

    @Test
    void flagsAGapInVersionsAndABalanceThatDoesNotAddUp() {
        List<StoredEvent> accounts = List.of(opened("a", 1, 0), deposited("a", 3, "x", 100, 90));
        assertThat(LedgerAudit.audit(accounts, List.of(), true).violations())
                .anySatisfy(v -> assertThat(v).contains("not contiguous"))
                .anySatisfy(v -> assertThat(v).contains("recorded as 90"));
    }

    @Test
    void flagsATransferLeftInFlightAndMoneyNotConserved() {
        List<StoredEvent> accounts = new ArrayList<>(List.of(opened("a", 1, 0), deposited("a", 2, "x", 100, 100),
                opened("b", 1, 0)));
        accounts.add(new StoredEvent("a", 3, TransferDebited.newBuilder().setAccountId("a").setTransferId("t")
                .setCounterpartyAccountId("b").setAmount(30).setCurrency("EUR").setBalanceAfter(70).build()));
        List<StoredEvent> transfers = List.of(new StoredEvent("t", 1, Events.requested("t", "a", "b", 30, "EUR")));
        List<String> violations = LedgerAudit.audit(accounts, transfers, true).violations();
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("not terminal"))
                .anySatisfy(v -> assertThat(v).contains("money not conserved"));
        assertThat(LedgerAudit.audit(accounts, transfers, false).violations()).isEmpty();
    }
}
