package io.ledgerline.command.account;

import io.ledgerline.command.web.SupportedCurrency;
import io.ledgerline.command.web.ValidId;
import io.ledgerline.contracts.LedgerLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the account endpoints; parsed strictly, validated before any command is built. */
final class AccountRequests {

    private AccountRequests() {
    }

    record OpenAccountRequest(@ValidId String accountId,
                              @NotNull @ValidId String ownerId,
                              @NotNull @SupportedCurrency String currency,
                              @Min(0) @Max(LedgerLimits.MAX_BALANCE) Long overdraftLimit) {

        long overdraftLimitOrZero() {
            return overdraftLimit == null ? 0 : overdraftLimit;
        }
    }

    record MoneyRequest(@NotNull @ValidId String transactionId,
                        @NotNull @Min(LedgerLimits.MIN_AMOUNT) @Max(LedgerLimits.MAX_AMOUNT) Long amount,
                        @NotNull @SupportedCurrency String currency,
                        @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String description) {
    }

    record ReasonRequest(@NotBlank @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String reason) {
    }
}
