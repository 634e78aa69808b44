package io.ledgerline.command.kafka;

import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide pause of a processor's publication ({@code publication_pause}): the instance that re-publishes
 * begins one, every other instance sees it within a poll and stops its publisher (releasing its claims), and the
 * coordinator ends it once it has rewound every segment. A pause older than {@link #LEASE} counts as ended, so a
 * coordinator that dies half-way stops publication for a minute, not for good. Plain SQL on the event store's
 * database: every instance already shares it, and Axon has no cluster-wide control message without Axon Server.
 */
@Component
class PublicationPause {

    /** Far longer than a coordinator needs (claim timeout plus a few polls). */
    static final Duration LEASE = Duration.ofSeconds(60);

    /** Another re-publication holds the pause. */
    static final class UnderWayException extends RuntimeException {
        UnderWayException(String by) {
            super("a re-publication requested by " + by + " is under way");
        }
    }

    private final JdbcTemplate jdbc;

    PublicationPause(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Begins a pause; its generation ends it. Refused while another pause holds. */
    long begin(String processor, String requestedBy) {
        jdbc.update("""
                insert into publication_pause (processor, generation, paused, requested_by, requested_at)
                values (?, 0, false, '', now()) on conflict (processor) do nothing""", processor);
        Long generation = jdbc.query("""
                update publication_pause set generation = generation + 1, paused = true, requested_by = ?,
                       requested_at = now()
                 where processor = ? and (not paused or requested_at < now() - ? * interval '1 second')
                returning generation""", rs -> rs.next() ? rs.getLong(1) : null,
                requestedBy, processor, LEASE.toSeconds());
        if (generation == null) {
            throw new UnderWayException(jdbc.queryForObject(
                    "select requested_by from publication_pause where processor = ?", String.class, processor));
        }
        return generation;
    }

    /** Ends the pause of this generation (a later one, after this lease lapsed, is left alone). */
    void end(String processor, long generation) {
        jdbc.update("update publication_pause set paused = false where processor = ? and generation = ?",
                processor, generation);
    }

    /** The generation of the pause in force, if one is. */
    OptionalLong inForce(String processor) {
        Long generation = jdbc.query("""
                select generation from publication_pause
                 where processor = ? and paused and requested_at >= now() - ? * interval '1 second'""",
                rs -> rs.next() ? rs.getLong(1) : null, processor, LEASE.toSeconds());
        return generation == null ? OptionalLong.empty() : OptionalLong.of(generation);
    }
}
