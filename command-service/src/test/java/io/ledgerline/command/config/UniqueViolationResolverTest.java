package io.ledgerline.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

/**
 * Regression: with the JDBC resolver of Axon's starter, two commands appending to one account at once ended in
 * an EventStoreException (never retried) instead of a ConcurrencyException; under the bank workload the transfer process's
 * technical failures that followed made it handle events again.
 */
class UniqueViolationResolverTest {

    private final UniqueViolationResolver resolver = new UniqueViolationResolver();

    @Test
    void recognisesPostgresUniqueViolationsInsideABatchFailure() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ...", null, 0, new int[0], unique);
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", batch))).isTrue();

        BatchUpdateException chained = new BatchUpdateException("Batch entry 0 INSERT ...", "08000", 0, new int[0]);
        chained.setNextException(unique);
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", chained))).isTrue();
    }

    @Test
    void leavesOtherFailuresAlone() {
        SQLException connection = new SQLException("connection refused", "08001");
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", connection))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL here"))).isFalse();
    }
}
