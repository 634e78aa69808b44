package io.ledgerline.query.projection;

import static io.ledgerline.testkit.events.Events.completed;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static io.ledgerline.testkit.events.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.Topics;
import org.junit.jupiter.api.Test;

/** Which stream an event belongs to comes from the contract's schemas, not from where a Java class sits. */
class AggregateTypeTest {

    @Test
    void eachStreamOwnsTheEventsOfItsSchemaNamespace() {
        assertThat(AggregateType.ACCOUNT.owns(deposited("a", "tx", 1, "EUR", 1, null))).isTrue();
        assertThat(AggregateType.ACCOUNT.owns(opened("a", "o", "EUR", 0))).isTrue();
        assertThat(AggregateType.ACCOUNT.owns(requested("t", "a", "b", 1, "EUR"))).isFalse();
        assertThat(AggregateType.TRANSFER.owns(completed("t"))).isTrue();
        assertThat(AggregateType.TRANSFER.owns(opened("a", "o", "EUR", 0))).isFalse();
    }

    @Test
    void eachTopicNamesItsStream() {
        assertThat(AggregateType.ofTopic(Topics.ACCOUNT_EVENTS)).contains(AggregateType.ACCOUNT);
        assertThat(AggregateType.ofTopic(Topics.TRANSFER_EVENTS)).contains(AggregateType.TRANSFER);
        assertThat(AggregateType.ofTopic(Topics.deadLetter(Topics.ACCOUNT_EVENTS))).isEmpty();
    }
}
