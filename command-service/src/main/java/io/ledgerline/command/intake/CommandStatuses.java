package io.ledgerline.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.command.batch.DeferredWrites;
import io.ledgerline.command.ledger.CommandType;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The status of asynchronous commands, in PostgreSQL. A command id is unique per submitter (an HTTP principal, or
 * a Kafka producer's {@code #kafka:<producer>}), so one submitter's ids never collide with another's.
 */
@Repository
public class CommandStatuses {

    public enum Status { PENDING, SUCCEEDED, REJECTED, FAILED }

    /** One command's row; {@code commandType} is null for a topic record that was not one of its commands. */
    public record CommandStatus(String commandId, String submitter, String channel, CommandType commandType,
                                Status status, String code, String detail, JsonNode result) {

        public boolean isFinal() {
            return status != Status.PENDING;
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    CommandStatuses(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** Records a new command as PENDING; false when the id is already known (a redelivery). */
    public boolean createPending(String commandId, String submitter, String channel, CommandType commandType) {
        return jdbc.update("""
                insert into command_status (command_id, submitter, channel, command_type, status)
                values (?, ?, ?, ?, 'PENDING') on conflict (submitter, command_id) do nothing""",
                commandId, submitter, channel, commandType == null ? null : commandType.name()) == 1;
    }

    public Optional<CommandStatus> find(String submitter, String commandId) {
        return jdbc.query("""
                        select command_id, submitter, channel, command_type, status, code, detail, result
                        from command_status where submitter = ? and command_id = ?""",
                (rs, row) -> new CommandStatus(rs.getString(1), rs.getString(2), rs.getString(3),
                        CommandType.fromStored(rs.getString(4)).orElse(null), Status.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), parse(rs.getString(8))),
                submitter, commandId).stream().findFirst();
    }

    /** The HTTP command of this id, whoever submitted it (operators, auditors): HTTP ids are the service's UUIDs. */
    public Optional<CommandStatus> findHttp(String commandId) {
        return jdbc.query("""
                        select submitter from command_status where command_id = ? and channel = 'http'""",
                (rs, row) -> rs.getString(1), commandId).stream().findFirst()
                .flatMap(submitter -> find(submitter, commandId));
    }

    /**
     * Called inside the command's unit of work and written at its commit, in the transaction of the command's
     * events, so SUCCEEDED commits exactly when they do.
     */
    public void succeeded(String submitter, String commandId, Record body) {
        DeferredWrites.add(jdbc, """
                update command_status set status = 'SUCCEEDED', code = null, detail = null, result = ?,
                updated_at = now() where submitter = ? and command_id = ?""", json(body), submitter, commandId);
    }

    /** A refusal or failure, written after the command's transaction rolled back; never overrides success. */
    public void ended(String submitter, String commandId, Status status, String code, String detail) {
        jdbc.update("""
                update command_status set status = ?, code = ?, detail = ?, updated_at = now()
                where submitter = ? and command_id = ? and status <> 'SUCCEEDED'""",
                status.name(), code, detail, submitter, commandId);
    }

    /**
     * Commands of a channel still PENDING after {@code timeout} never committed (their process died before the
     * transaction did): they are FAILED, and may be submitted again.
     */
    public int failAbandoned(String channel, Duration timeout) {
        return jdbc.update("""
                update command_status set status = 'FAILED', code = 'interrupted',
                detail = 'the command was interrupted before it was applied; it may be submitted again',
                updated_at = now()
                where channel = ? and status = 'PENDING' and updated_at < now() - make_interval(secs => ?)""",
                channel, (double) timeout.toSeconds());
    }

    /** Forgets final statuses last changed before {@code age} ago; pending ones stay. */
    public int deleteFinalOlderThan(Duration age) {
        return jdbc.update("""
                delete from command_status where status in ('SUCCEEDED', 'REJECTED', 'FAILED')
                and updated_at < now() - make_interval(secs => ?)""", (double) age.toSeconds());
    }

    private String json(Record body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write command result", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read command result", e);
        }
    }
}
