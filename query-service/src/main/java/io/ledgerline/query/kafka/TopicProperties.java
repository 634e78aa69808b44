package io.ledgerline.query.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event topics and their dead-letter topics are created when missing.
 *
 * @param retentionMs -1 keeps events forever, so any projection can be rebuilt from offset 0
 */
@ConfigurationProperties("ledgerline.topics")
public record TopicProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("-1") long retentionMs) {
}
