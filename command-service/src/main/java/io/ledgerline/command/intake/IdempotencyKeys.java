package io.ledgerline.command.intake;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stored responses of POSTs sent with an Idempotency-Key, in PostgreSQL. */
@Repository
class IdempotencyKeys {

    /** A request's key: who sent it where, under which key. */
    record Scope(String principal, String method, String path, String key) {
    }

    record StoredResponse(int status, String headers, String body) {
    }

    /** What a request finds when it presents its key. */
    sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Replay(StoredResponse response) implements Claim {
        }

        record InUse() implements Claim {
        }

        record ReusedWithOtherBody() implements Claim {
        }
    }

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Claim claim(Scope scope, String requestHash, Duration lease) {
        double leaseSeconds = lease.toMillis() / 1000.0;
        int inserted = jdbc.update("""
                        insert into idempotency_key
                          (principal, method, path, idempotency_key, request_hash, state, locked_until)
                        values (?, ?, ?, ?, ?, 'IN_PROGRESS', now() + make_interval(secs => ?))
                        on conflict do nothing""",
                scope.principal(), scope.method(), scope.path(), scope.key(), requestHash, leaseSeconds);
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        record Row(String hash, String state, boolean leaseExpired, StoredResponse response) {
        }
        Optional<Row> existing = jdbc.query("""
                        select request_hash, state, locked_until < now(), response_status, response_headers,
                               response_body
                        from idempotency_key
                        where principal = ? and method = ? and path = ? and idempotency_key = ?""",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        new StoredResponse(rs.getInt(4), rs.getString(5), rs.getString(6))),
                scope.principal(), scope.method(), scope.path(), scope.key()).stream().findFirst();
        if (existing.isEmpty()) {
            return claim(scope, requestHash, lease); // removed meanwhile: try again
        }
        Row row = existing.get();
        if (!row.hash().equals(requestHash)) {
            return new Claim.ReusedWithOtherBody();
        }
        if ("DONE".equals(row.state())) {
            return new Claim.Replay(row.response());
        }
        if (row.leaseExpired() && takeOver(scope, leaseSeconds)) {
            return new Claim.Claimed();
        }
        return new Claim.InUse();
    }

    private boolean takeOver(Scope scope, double leaseSeconds) {
        return jdbc.update("""
                        update idempotency_key set locked_until = now() + make_interval(secs => ?)
                        where principal = ? and method = ? and path = ? and idempotency_key = ?
                          and state = 'IN_PROGRESS' and locked_until < now()""",
                leaseSeconds, scope.principal(), scope.method(), scope.path(), scope.key()) == 1;
    }

    void complete(Scope scope, StoredResponse response) {
        jdbc.update("""
                        update idempotency_key
                        set state = 'DONE', response_status = ?, response_headers = ?, response_body = ?
                        where principal = ? and method = ? and path = ? and idempotency_key = ?""",
                response.status(), response.headers(), response.body(),
                scope.principal(), scope.method(), scope.path(), scope.key());
    }

    /** Gives the key up, so a retry runs the request again (after a failure that is not a final answer). */
    void release(Scope scope) {
        jdbc.update("""
                        delete from idempotency_key
                        where principal = ? and method = ? and path = ? and idempotency_key = ? and state = 'IN_PROGRESS'""",
                scope.principal(), scope.method(), scope.path(), scope.key());
    }

    int deleteOlderThan(Duration retention) {
        return jdbc.update("delete from idempotency_key where created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
