package io.ledgerline.command.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed because another command appended to the same aggregate first (PostgreSQL's
 * unique_violation, SQLSTATE 23505), so it raises a ConcurrencyException the command gateway retries. The
 * resolver Axon's Spring Boot starter configures for JDBC only recognises JPA's EntityExistsException, which
 * turns every such race into a plain EventStoreException. pgjdbc reports a failed batch insert as a
 * BatchUpdateException whose cause or next exception carries the state, so the whole chain is searched.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            for (SQLException sql = t instanceof SQLException s ? s : null; sql != null; sql = sql.getNextException()) {
                if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
