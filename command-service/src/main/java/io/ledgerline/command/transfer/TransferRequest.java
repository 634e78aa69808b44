package io.ledgerline.command.transfer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand.RequestTransfer;
import io.ledgerline.command.web.SupportedCurrency;
import io.ledgerline.command.web.ValidId;
import io.ledgerline.contracts.LedgerLimits;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * What a transfer request carries, validated by its annotations before the command is built: the HTTP body of
 * {@code POST /api/v1/transfers} and the command topic's {@code RequestTransfer} turned into it, so both channels
 * apply one set of rules.
 */
public record TransferRequest(@NotNull @ValidId String transferId,
                              @NotNull @ValidId String sourceAccountId,
                              @NotNull @ValidId String destinationAccountId,
                              @NotNull @Min(LedgerLimits.MIN_AMOUNT) @Max(LedgerLimits.MAX_AMOUNT) Long amount,
                              @NotNull @SupportedCurrency String currency,
                              @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String description) {

    @JsonIgnore
    @AssertTrue(message = "source and destination must be different accounts")
    public boolean isDestinationAccountIdDifferent() {
        return sourceAccountId == null || !Objects.equals(sourceAccountId, destinationAccountId);
    }

    public RequestTransfer toCommand(Caller caller) {
        return new RequestTransfer(transferId, sourceAccountId, destinationAccountId, new Money(amount, currency),
                description, caller);
    }
}
