package io.ledgerline.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query side.
 *
 * @param consumerGroup     Kafka consumer group of the live projections
 * @param minVersionWait    how long a read with {@code minVersion} waits for the projection
 * @param generationRefresh how often each instance re-reads which read-model generation is active
 * @param cursorKey         the key ring that signs pagination cursors, comma-separated, the first signing; required,
 *                          the same on every instance (cursors are integrity-protected, not secret: every page
 *                          re-applies the caller's rights)
 */
@ConfigurationProperties("ledgerline.query")
public record QueryProperties(
        @DefaultValue("ledger-query") String consumerGroup,
        @DefaultValue("2s") Duration minVersionWait,
        @DefaultValue("1s") Duration generationRefresh,
        @DefaultValue("") String cursorKey) {
}
