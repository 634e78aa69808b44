package io.ledgerline.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.contracts.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Final command statuses are forgotten only once no command topic can hold a record with their id any more: a day
 * past the longest retention of the producers' topics as the broker reports it, and never while one of them keeps
 * records forever.
 */
class CommandStatusRetentionIT extends CommandServiceIT {

    @Autowired
    private IntakeHousekeeping housekeeping;

    private final List<String> inserted = new java.util.ArrayList<>();

    @Test
    void forgetsFinalStatusesADayPastTheTopicsRetentionAndNeverWhileItKeepsEverything() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            try {
                retention(admin, "3600000"); // one hour: statuses go after 25 hours
                String expired = status("SUCCEEDED", 26);
                String rejectedExpired = status("REJECTED", 30);
                String recent = status("SUCCEEDED", 24);
                String pending = status("PENDING", 72);

                housekeeping.forgetStatusesBeyondTopicRetention();

                assertThat(exists(expired)).isFalse();
                assertThat(exists(rejectedExpired)).isFalse();
                assertThat(exists(recent)).isTrue();
                assertThat(exists(pending)).isTrue();

                retention(admin, Topics.commands(OTHER_PRODUCER), "172800000"); // another producer's: two days
                String keptForTheLongest = status("SUCCEEDED", 30);
                housekeeping.forgetStatusesBeyondTopicRetention();
                assertThat(exists(keptForTheLongest)).isTrue();

                retention(admin, COMMAND_TOPIC, "-1");
                String kept = status("SUCCEEDED", 24 * 365);
                housekeeping.forgetStatusesBeyondTopicRetention();
                assertThat(exists(kept)).isTrue();
            } finally {
                // other tests of this context wait for "no PENDING status" (BankWorkloadIT): leave none behind
                jdbc.update("delete from command_status where command_id = any(?)",
                        (Object) inserted.toArray(String[]::new));
                for (String producer : PRODUCERS) {
                    alter(admin, Topics.commands(producer), List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, null), AlterConfigOp.OpType.DELETE)));
                }
            }
        }
    }

    /** Sets every producer's command topic to {@code millis}. */
    private void retention(AdminClient admin, String millis) throws Exception {
        for (String producer : PRODUCERS) {
            setRetention(admin, Topics.commands(producer), millis);
        }
        awaitReported(millis);
    }

    /** Sets one topic and waits until the longest retention reported is {@code millis}. */
    private void retention(AdminClient admin, String topic, String millis) throws Exception {
        setRetention(admin, topic, millis);
        awaitReported(millis);
    }

    private static void setRetention(AdminClient admin, String topic, String millis) throws Exception {
        alter(admin, topic, List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, millis),
                AlterConfigOp.OpType.SET)));
    }

    private void awaitReported(String millis) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                housekeeping.commandTopicRetention().map(d -> Long.toString(d.toMillis())).orElse("-1")
                        .equals(millis));
    }

    private static void alter(AdminClient admin, String topic, Collection<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all().get();
    }

    private String status(String status, int hoursAgo) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into command_status (command_id, submitter, channel, status, created_at, updated_at)
                values (?, '#kafka:' || ?, 'kafka', ?, now() - make_interval(hours => ?), now() - make_interval(hours => ?))
                """, id, PRODUCER, status, hoursAgo, hoursAgo);
        inserted.add(id);
        return id;
    }

    private boolean exists(String commandId) {
        return jdbc.queryForObject("select count(*) from command_status where command_id = ?", Long.class,
                commandId) == 1;
    }
}
