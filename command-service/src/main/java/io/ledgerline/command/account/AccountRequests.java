package io.ledgerline.command.account;

import com.fasterxml.jackson.annotation.JsonValue;
import io.ledgerline.command.account.AccountCommand.DepositMoney;
import io.ledgerline.command.account.AccountCommand.OpenAccount;
import io.ledgerline.command.account.AccountCommand.WithdrawMoney;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.web.SupportedCurrency;
import io.ledgerline.command.web.ValidId;
import io.ledgerline.contracts.LedgerLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the account commands carry, validated by their annotations before any command is built: the HTTP bodies
 * of the account endpoints, and the command topic's records turned into them ({@code topic.CommandMessages}), so
 * both channels apply one set of rules and build the command one way.
 */
public final class AccountRequests {

    private AccountRequests() {
    }

    public record OpenAccountRequest(@ValidId String accountId,
                                     @NotNull @ValidId String ownerId,
                                     @NotNull @SupportedCurrency String currency,
                                     @Min(0) @Max(LedgerLimits.MAX_BALANCE) Long overdraftLimit) {

        long overdraftLimitOrZero() {
            return overdraftLimit == null ? 0 : overdraftLimit;
        }

        /** A caller limited to its own accounts (a customer) opens them for itself only, and without overdraft. */
        public boolean mayBeSentBy(Caller caller) {
            return caller.mayActOnAccountOf(ownerId) && (!caller.ownAccountsOnly() || overdraftLimitOrZero() == 0);
        }

        /** The command, for {@code accountId} (the body's, or one the server chose). */
        public OpenAccount toCommand(String accountId, Caller caller) {
            return new OpenAccount(accountId, ownerId, currency, overdraftLimitOrZero(), caller);
        }
    }

    public record MoneyRequest(@NotNull @ValidId String transactionId,
                               @NotNull @Min(LedgerLimits.MIN_AMOUNT) @Max(LedgerLimits.MAX_AMOUNT) Long amount,
                               @NotNull @SupportedCurrency String currency,
                               @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String description) {

        public DepositMoney toDeposit(String accountId, Caller caller) {
            return new DepositMoney(accountId, transactionId, new Money(amount, currency), description, caller);
        }

        public WithdrawMoney toWithdrawal(String accountId, Caller caller) {
            return new WithdrawMoney(accountId, transactionId, new Money(amount, currency), description, caller);
        }
    }

    record ReasonRequest(@NotBlank @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String reason) {
    }

    /**
     * A close has no body: what an Idempotency-Key's reuse is compared by is its account id, written as the JSON
     * string it has been since keys were first stored, so a key stored before this record existed still matches.
     */
    record CloseRequest(@JsonValue String accountId) {
    }
}
