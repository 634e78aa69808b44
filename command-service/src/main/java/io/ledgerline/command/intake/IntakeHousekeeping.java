package io.ledgerline.command.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets Idempotency-Key responses after their retention, reports abandoned asynchronous commands, and forgets
 * final command statuses once no command topic can hold a record with their id any more.
 *
 * <p>A command-topic message whose id has a final status is never executed again, whatever redelivers it (a
 * rebalance, a consumer group reset to the earliest offset, an operator's re-drive). So a status is kept a day
 * longer than the longest {@code retention.ms} of the producers' command topics as the broker reports it, not as
 * configured here: an operator who raises a topic's retention raises this too. When the broker cannot say for
 * every topic, or one keeps records forever, nothing is forgotten.
 */
@Component
class IntakeHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(IntakeHousekeeping.class);
    /** Beyond the topic's retention: the broker deletes whole segments, later than retention.ms says. */
    static final Duration STATUS_MARGIN = Duration.ofDays(1);

    private final IdempotencyKeys keys;
    private final CommandStatuses statuses;
    private final IntakeProperties properties;
    private final KafkaAdmin kafkaAdmin;

    private final CommandProducers producers;

    IntakeHousekeeping(IdempotencyKeys keys, CommandStatuses statuses, IntakeProperties properties,
                       KafkaAdmin kafkaAdmin, CommandProducers producers) {
        this.producers = producers;
        this.keys = keys;
        this.statuses = statuses;
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
    }

    @Scheduled(fixedDelayString = "${ledgerline.intake.status-sweep-interval:1h}", initialDelayString = "60s")
    void forgetStatusesBeyondTopicRetention() {
        Optional<Duration> retention = commandTopicRetention();
        if (retention.isEmpty()) {
            return;
        }
        int forgotten = statuses.deleteFinalOlderThan(retention.get().plus(STATUS_MARGIN));
        if (forgotten > 0) {
            log.info("housekeeping: {} command statuses older than {} + {} forgotten", forgotten, retention.get(),
                    STATUS_MARGIN);
        }
    }

    /**
     * The longest retention of the command topics as the broker reports it; empty when unknown or unlimited for
     * any of them, or when there are no command topics.
     */
    Optional<Duration> commandTopicRetention() {
        List<ConfigResource> topics = producers.commandTopics().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        if (topics.isEmpty()) {
            return Optional.empty();
        }
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(10, TimeUnit.SECONDS);
            Duration longest = Duration.ZERO;
            for (ConfigResource topic : topics) {
                Config config = configs.get(topic);
                ConfigEntry entry = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
                long millis = entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
                if (millis < 0) {
                    return Optional.empty();
                }
                longest = longest.compareTo(Duration.ofMillis(millis)) >= 0 ? longest : Duration.ofMillis(millis);
            }
            return Optional.of(longest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("cannot read the retention of the command topics; keeping every command status this round: {}",
                    e.toString());
            return Optional.empty();
        }
    }

    @Scheduled(fixedDelayString = "${ledgerline.intake.housekeeping-interval:60s}", initialDelayString = "30s")
    void sweep() {
        int expired = keys.deleteOlderThan(properties.idempotencyRetention());
        int abandoned = statuses.failAbandoned(CommandIntake.HTTP_CHANNEL, properties.pendingTimeout());
        if (expired > 0 || abandoned > 0) {
            log.info("housekeeping: {} idempotency keys expired, {} abandoned commands marked FAILED", expired,
                    abandoned);
        }
    }
}
