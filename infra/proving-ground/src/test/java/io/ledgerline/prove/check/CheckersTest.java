package io.ledgerline.prove.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.testkit.events.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The checkers must catch what they are there for: each test breaks one promise on purpose. */
class CheckersTest {

    private final List<StoreEvent> store = new ArrayList<>(List.of(
            event(1, "a1", 1, Events.opened("a1", "o", "EUR", 0)),
            event(2, "a1", 2, deposit("t1", 100, 100))));
    private final OperationLog log = new OperationLog();

    @Test
    void aCleanHistoryHasNoViolation() {
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), ok());
        List<Violation> violations = new ArrayList<>();
        StoreCheck.check(store, violations);
        OperationCheck.check(log, store, violations);
        TopicCheck.check(store, topics(store), violations);
        assertThat(violations).isEmpty();
    }

    @Test
    void anAcknowledgedDepositMissingFromTheStoreIsCaught() {
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), ok());
        log.record(deposit("t2", 50), ok());
        List<Violation> violations = new ArrayList<>();
        OperationCheck.check(log, store, violations);
        assertThat(violations).extracting(Violation::invariant).containsExactly("acknowledged-exactly-once");
        assertThat(violations.get(0).detail()).contains("t2", "a1");
    }

    @Test
    void aRefusedDepositThatWasAppliedAnywayIsCaught() {
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), new Attempt(0, 1, Outcome.REJECTED, 422, "account-frozen", 0));
        List<Violation> violations = new ArrayList<>();
        OperationCheck.check(log, store, violations);
        assertThat(violations).extracting(Violation::invariant).containsExactly("rejected-never");
    }

    @Test
    void aDoubleApplicationAndABrokenBalanceAreCaught() {
        store.add(event(3, "a1", 3, deposit("t1", 100, 200)));
        store.add(event(4, "a1", 4, Events.withdrawn("a1", "t9", 500, "EUR", -300)));
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), new Attempt(0, 1, Outcome.UNKNOWN, 0, "HttpTimeoutException", 0));
        List<Violation> violations = new ArrayList<>();
        StoreCheck.check(store, violations);
        OperationCheck.check(log, store, violations);
        assertThat(violations).extracting(Violation::invariant).contains("applied-at-most-once", "overdraft-limit",
                "unknown-at-most-once", "nothing-unasked");
    }

    @Test
    void aRetryRefusedAfterTheAcknowledgementIsCaught() {
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), new Attempt(0, 10, Outcome.OK, 200, null, 2));
        log.record(deposit("t1", 100), new Attempt(20, 30, Outcome.REJECTED, 422, "insufficient-funds", 0));
        List<Violation> violations = new ArrayList<>();
        OperationCheck.check(log, store, violations);
        assertThat(violations).extracting(Violation::invariant).containsExactly("retry-answers-original");
    }

    /** The stale-cache refusal of two instances: refused on v2 (balance 100) after v3 (balance 1,100) was acknowledged. */
    @Test
    void aRefusalDecidedOnAStaleCopyIsCaughtAndAJustifiedOneIsNot() {
        store.add(event(3, "a1", 3, deposit("t2", 1000, 1100)));
        log.record(Operation.open("a1", "o", "EUR", 0), ok());
        log.record(deposit("t1", 100), new Attempt(0, 10, Outcome.OK, 200, null, 2));
        log.record(deposit("t2", 1000), new Attempt(20, 30, Outcome.OK, 200, null, 3));
        Operation stale = Operation.money(Operation.Kind.WITHDRAW, Operation.Channel.HTTP, "a1", "w1", 500, "EUR");
        log.record(stale, new Attempt(40, 50, Outcome.REJECTED, 422, "insufficient-funds", 0));
        // sent before the second deposit was acknowledged: v2 (balance 100) may be what it saw
        Operation early = Operation.money(Operation.Kind.WITHDRAW, Operation.Channel.HTTP, "a1", "w2", 500, "EUR");
        log.record(early, new Attempt(25, 35, Outcome.REJECTED, 422, "insufficient-funds", 0));
        // more than the account ever had
        Operation tooMuch = Operation.money(Operation.Kind.WITHDRAW, Operation.Channel.HTTP, "a1", "w3", 5000, "EUR");
        log.record(tooMuch, new Attempt(40, 50, Outcome.REJECTED, 422, "insufficient-funds", 0));

        List<Violation> violations = new ArrayList<>();
        assertThat(RefusalCheck.check(log, store, violations)).isEqualTo(3);
        assertThat(violations).extracting(Violation::invariant).containsExactly("refusal-on-current-state");
        assertThat(violations.get(0).detail()).contains("w1", "from v3");
    }

    @Test
    void topicsMissingAnEventOrOutOfOrderAreCaughtButRedeliveryIsFine() {
        Map<String, List<TopicEvent>> topics = topics(store);
        List<TopicEvent> accountTopic = new ArrayList<>(topics.get(Topics.ACCOUNT_EVENTS));
        accountTopic.add(accountTopic.get(0)); // a redelivered copy: allowed
        List<Violation> violations = new ArrayList<>();
        TopicCheck.Summary summary = TopicCheck.check(store, Map.of(Topics.ACCOUNT_EVENTS, accountTopic),
                violations);
        assertThat(violations).isEmpty();
        assertThat(summary.duplicates()).isEqualTo(1);

        List<TopicEvent> reversed = new ArrayList<>(topics.get(Topics.ACCOUNT_EVENTS));
        java.util.Collections.reverse(reversed);
        TopicCheck.check(store, Map.of(Topics.ACCOUNT_EVENTS, reversed), violations);
        assertThat(violations).extracting(Violation::invariant).contains("per-aggregate-order");

        violations.clear();
        TopicCheck.check(store, Map.of(Topics.ACCOUNT_EVENTS, reversed.subList(0, 1)), violations);
        assertThat(violations).extracting(Violation::invariant).contains("topics-match-store");
        assertThat(violations.toString()).contains("never published");
    }

    private static Operation deposit(String tx, long amount) {
        return Operation.money(Operation.Kind.DEPOSIT, Operation.Channel.HTTP, "a1", tx, amount, "EUR");
    }

    private static MoneyDeposited deposit(String tx, long amount, long after) {
        return Events.deposited("a1", tx, amount, "EUR", after, null);
    }

    private static Attempt ok() {
        return new Attempt(0, 1, Outcome.OK, 200, null, 1);
    }

    private static StoreEvent event(long index, String account, long version, SpecificRecord payload) {
        return new StoreEvent(index, "account:" + account, account, true, version, "e-" + index, payload);
    }

    private static Map<String, List<TopicEvent>> topics(List<StoreEvent> events) {
        List<TopicEvent> messages = new ArrayList<>();
        for (StoreEvent e : events) {
            messages.add(new TopicEvent(Topics.ACCOUNT_EVENTS, 0, messages.size(), e.aggregate(), Map.of(
                    LedgerHeaders.EVENT_ID, e.eventId(), LedgerHeaders.AGGREGATE_ID, e.aggregate(),
                    LedgerHeaders.AGGREGATE_VERSION, Long.toString(e.version()),
                    LedgerHeaders.EVENT_TYPE, e.event().getSchema().getFullName()), e.event(), null));
        }
        return Map.of(Topics.ACCOUNT_EVENTS, messages);
    }
}
