package io.ledgerline.query.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One line of {@code GET /api/v1/accounts/{id}/transactions}; transfer lines carry transactionId = transferId. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementEntry(String transactionId, StatementType type, long amount, long balanceAfter,
                             Instant occurredAt, String transferId, String description, long version) {
}
