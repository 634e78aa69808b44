package io.ledgerline.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code ledger_publication_lag_seconds}: the age of the oldest event not yet published, 0 when caught up. */
class PublicationLagIT extends CommandServiceIT {

    @Autowired
    private MeterRegistry meters;

    @Test
    void isZeroOnceEverythingIsPublished() {
        openAccount("lag-owner", "EUR", 10);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("ledger.publication.lag.seconds").gauge().value() == 0.0);
    }

    @Test
    void isTheAgeOfTheFirstEventPastTheTokenOrInOneOfItsGaps() {
        String account = openAccount("lag-owner", "EUR", 10); // opened, then deposited
        long opened = globalIndex(account, 0);
        long deposited = globalIndex(account, 1);
        Instant openedAt = timestamp(opened);
        Instant now = openedAt.plusSeconds(42);

        assertThat(PublicationMetrics.ageOfOldestUnpublished(jdbc,
                List.of(GapAwareTrackingToken.newInstance(opened - 1, Collections.emptySortedSet())), now))
                .as("the token has not passed the opening").isCloseTo(42, within(0.001));
        assertThat(PublicationMetrics.ageOfOldestUnpublished(jdbc,
                List.of(GapAwareTrackingToken.newInstance(deposited, new TreeSet<>(List.of(opened)))), now))
                .as("the opening filled a gap the token waits for").isCloseTo(42, within(0.001));
        long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        assertThat(PublicationMetrics.ageOfOldestUnpublished(jdbc,
                List.of(GapAwareTrackingToken.newInstance(head, Collections.emptySortedSet())), now))
                .as("nothing left to publish").isZero();
    }

    private long globalIndex(String account, long sequence) {
        return jdbc.queryForObject("""
                select globalindex from domainevententry where aggregateidentifier = ? and sequencenumber = ?""",
                Long.class, "account:" + account, sequence);
    }

    private Instant timestamp(long globalIndex) {
        return Instant.parse(jdbc.queryForObject("select timestamp from domainevententry where globalindex = ?",
                String.class, globalIndex));
    }
}
