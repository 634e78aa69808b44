package io.ledgerline.command.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ledger's topics are created when absent. Event topics keep events forever by default
 * ({@code retentionMs = -1}) so any projection can be rebuilt from offset 0.
 */
@ConfigurationProperties("ledgerline.kafka.topics")
public record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
                              @DefaultValue("-1") long retentionMs) {
}
