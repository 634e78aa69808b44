package io.ledgerline.command.intake;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.Currencies;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a decoded command record of {@code ledger.commands.v1} into a domain command, applying the same rules as
 * the HTTP bodies. The topic's writers act with the service role; freeze, unfreeze and close stay on HTTP.
 */
final class CommandMessages {

    static final String VALIDATION_FAILED = "validation-failed";

    private CommandMessages() {
    }

    static Object toDomain(SpecificRecord record, Caller caller) {
        if (record instanceof OpenAccount open) {
            id("accountId", open.getAccountId());
            id("ownerId", open.getOwnerId());
            currency(open.getCurrency());
            if (open.getOverdraftLimit() < 0 || open.getOverdraftLimit() > LedgerLimits.MAX_BALANCE) {
                throw invalid("overdraftLimit must be between 0 and " + LedgerLimits.MAX_BALANCE);
            }
            return new AccountCommand.OpenAccount(open.getAccountId(), open.getOwnerId(), open.getCurrency(),
                    open.getOverdraftLimit(), caller);
        }
        if (record instanceof DepositMoney deposit) {
            id("accountId", deposit.getAccountId());
            id("transactionId", deposit.getTransactionId());
            description(deposit.getDescription());
            return new AccountCommand.DepositMoney(deposit.getAccountId(), deposit.getTransactionId(),
                    money(deposit.getAmount(), deposit.getCurrency()), deposit.getDescription(), caller);
        }
        if (record instanceof WithdrawMoney withdraw) {
            id("accountId", withdraw.getAccountId());
            id("transactionId", withdraw.getTransactionId());
            description(withdraw.getDescription());
            return new AccountCommand.WithdrawMoney(withdraw.getAccountId(), withdraw.getTransactionId(),
                    money(withdraw.getAmount(), withdraw.getCurrency()), withdraw.getDescription(), caller);
        }
        if (record instanceof RequestTransfer transfer) {
            id("transferId", transfer.getTransferId());
            id("sourceAccountId", transfer.getSourceAccountId());
            id("destinationAccountId", transfer.getDestinationAccountId());
            description(transfer.getDescription());
            if (transfer.getSourceAccountId().equals(transfer.getDestinationAccountId())) {
                throw invalid("source and destination must be different accounts");
            }
            return new TransferCommand.RequestTransfer(transfer.getTransferId(), transfer.getSourceAccountId(),
                    transfer.getDestinationAccountId(), money(transfer.getAmount(), transfer.getCurrency()),
                    transfer.getDescription(), caller);
        }
        throw invalid(record.getSchema().getFullName() + " is not a command accepted on this topic");
    }

    private static void id(String field, String value) {
        if (!LedgerLimits.isValidId(value)) {
            throw invalid(field + " must match " + LedgerLimits.ID_REGEX);
        }
    }

    private static void currency(String code) {
        if (!Currencies.isSupported(code)) {
            throw invalid("currency must be a supported ISO-4217 code");
        }
    }

    private static void description(String description) {
        if (description != null && description.length() > LedgerLimits.MAX_TEXT_LENGTH) {
            throw invalid("description must be at most " + LedgerLimits.MAX_TEXT_LENGTH + " characters");
        }
    }

    private static Money money(long amount, String currency) {
        currency(currency);
        if (!LedgerLimits.isValidAmount(amount)) {
            throw invalid("amount must be between " + LedgerLimits.MIN_AMOUNT + " and " + LedgerLimits.MAX_AMOUNT);
        }
        return new Money(amount, currency);
    }

    private static InvalidCommandException invalid(String detail) {
        return new InvalidCommandException(VALIDATION_FAILED, detail);
    }
}
