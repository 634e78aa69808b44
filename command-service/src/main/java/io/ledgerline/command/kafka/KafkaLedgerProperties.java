package io.ledgerline.command.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's side of Kafka ({@code ledgerline.kafka.*}; the client itself is {@code spring.kafka.*}).
 *
 * @param topics            how the topics this service produces to are created when absent
 * @param publishAckTimeout how long the publisher waits at a batch's commit for the broker's acknowledgements of
 *                          its events; past it the batch fails, and its tracking processor retries it from the same
 *                          token
 */
@ConfigurationProperties("ledgerline.kafka")
public record KafkaLedgerProperties(@DefaultValue Topics topics, @DefaultValue("30s") Duration publishAckTimeout) {

    /**
     * Partitions and replicas of a created topic. Event topics keep events forever by default
     * ({@code retentionMs = -1}) so any projection can be rebuilt from offset 0.
     */
    public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
                         @DefaultValue("-1") long retentionMs) {
    }
}
