package io.ledgerline.query.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * The transfer read model, also the body of {@code GET /api/v1/transfers/{id}}. {@code reason} is the refusal
 * code of a rejection or the reason of a failure; {@code completedAt} is set once the transfer is final.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferView(@Id String transferId, String sourceAccountId, String destinationAccountId, long amount,
                           String currency, TransferStatus status, String reason, long version, Instant requestedAt,
                           Instant completedAt) {

    TransferView finish(TransferStatus finalStatus, String why, long nextVersion, Instant at) {
        return new TransferView(transferId, sourceAccountId, destinationAccountId, amount, currency, finalStatus, why,
                nextVersion, requestedAt, at);
    }
}
