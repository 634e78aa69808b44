package io.ledgerline.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.command.ledger.CommandType;
import io.ledgerline.testkit.postgres.LocalPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code command_type} as the previous version wrote it (the command's name over HTTP, the record's Avro full name
 * on the command topic) reads as the same {@link CommandType} after the upgrade: the migration rewrites the stored
 * rows, and a row an instance of the previous version writes after it (a rolling upgrade) is read as well.
 */
class CommandTypeUpgradeIT {

    private static final String PREVIOUS_VERSION = "7";

    private static LocalPostgres postgres;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static CommandStatuses statuses;

    @BeforeAll
    static void databaseOfThePreviousVersion() {
        postgres = LocalPostgres.ephemeral();
        dataSource = postgres.embedded().getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        statuses = new CommandStatuses(jdbc, new ObjectMapper());
        flyway().target(PREVIOUS_VERSION).load().migrate();
        writtenByThePreviousVersion("http-1", "alice", "http", "DepositMoney");
        writtenByThePreviousVersion("http-2", "alice", "http", "FreezeAccount");
        writtenByThePreviousVersion("kafka-1", "#kafka:shop", "kafka", "io.ledgerline.contracts.command.DepositMoney");
        writtenByThePreviousVersion("kafka-2", "#kafka:shop", "kafka",
                "io.ledgerline.contracts.command.RequestTransfer");
        writtenByThePreviousVersion("kafka-3", "#kafka:shop", "kafka",
                "io.ledgerline.contracts.account.MoneyDeposited"); // not a command: refused, and typed by nothing
        writtenByThePreviousVersion("kafka-4", "#kafka:shop", "kafka", null);
        flyway().load().migrate();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void theMigrationLeavesOneNameForEachCommandOnBothChannels() {
        assertThat(jdbc.queryForList("""
                select command_type from command_status where command_id ~ '^(http|kafka)-[0-9]$'
                order by command_id""", String.class))
                .containsExactly("DepositMoney", "FreezeAccount", "DepositMoney", "RequestTransfer", null, null);
    }

    @Test
    void rowsThePreviousVersionWroteReadAsTheirCommandType() {
        assertThat(typeOf("alice", "http-1")).isEqualTo(new CommandType("DepositMoney"));
        assertThat(typeOf("alice", "http-2")).isEqualTo(new CommandType("FreezeAccount"));
        assertThat(typeOf("#kafka:shop", "kafka-1")).isEqualTo(new CommandType("DepositMoney"));
        assertThat(typeOf("#kafka:shop", "kafka-2")).isEqualTo(new CommandType("RequestTransfer"));
        assertThat(typeOf("#kafka:shop", "kafka-3")).isNull();
        assertThat(typeOf("#kafka:shop", "kafka-4")).isNull();
    }

    @Test
    void aRowThePreviousVersionWritesAfterTheMigrationReadsToo() {
        writtenByThePreviousVersion("kafka-late", "#kafka:shop", "kafka",
                "io.ledgerline.contracts.command.WithdrawMoney");
        assertThat(typeOf("#kafka:shop", "kafka-late")).isEqualTo(new CommandType("WithdrawMoney"));
    }

    @Test
    void thisVersionWritesTheCommandsNameWhicheverChannelItCameBy() {
        statuses.createPending("kafka-new", "#kafka:shop", "kafka", new CommandType("OpenAccount"));
        statuses.createPending("http-new", "alice", "http", new CommandType("OpenAccount"));
        assertThat(jdbc.queryForList("select command_type from command_status where command_id like '%-new'",
                String.class)).containsExactly("OpenAccount", "OpenAccount");
    }

    private static CommandType typeOf(String submitter, String commandId) {
        return statuses.find(submitter, commandId).orElseThrow().commandType();
    }

    private static void writtenByThePreviousVersion(String commandId, String submitter, String channel, String type) {
        jdbc.update("""
                insert into command_status (command_id, submitter, channel, command_type, status)
                values (?, ?, ?, ?, 'PENDING')""", commandId, submitter, channel, type);
    }

    private static FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
