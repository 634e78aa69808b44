package io.ledgerline.query.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dead-letter topics of the event topics are created when missing (the command-service creates the event
 * topics themselves): at least as many partitions as their sources, since a dead letter keeps its partition.
 *
 * @param retentionMs -1 keeps dead letters forever
 */
@ConfigurationProperties("ledgerline.kafka.topics")
public record TopicProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("-1") long retentionMs) {
}
