package io.ledgerline.command.topic;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.intake.CommandProducers;
import io.ledgerline.command.intake.IntakeProperties.TopicCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.Currencies;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.security.access.AccessDeniedException;

/**
 * Turns a decoded command record of a producer's command topic into a domain command, applying the same rules as
 * the HTTP bodies and the rights of the producer's roles (docs/product.md §6); freeze, unfreeze and close stay on
 * HTTP.
 */
final class CommandMessages {

    static final String VALIDATION_FAILED = "validation-failed";

    private CommandMessages() {
    }

    static final String FORBIDDEN = "forbidden";

    /**
     * The caller {@code producer} acts as for {@code record}, as its roles allow the command (a customer-role
     * producer opens accounts only for its owner id, without overdraft); empty when it may not send it.
     *
     * @throws InvalidCommandException when the record is not a command of this topic
     */
    static Optional<Caller> callerFor(CommandProducers.Producer producer, SpecificRecord record) {
        TopicCommand kind = kindOf(record);
        if (!producer.maySend(kind)) {
            return Optional.empty();
        }
        Operation operation = switch (kind) {
            case OPEN_ACCOUNT -> Operation.OPEN_ACCOUNT;
            case DEPOSIT -> Operation.DEPOSIT;
            case WITHDRAW -> Operation.WITHDRAW;
            case TRANSFER -> Operation.TRANSFER;
        };
        Caller caller;
        try {
            caller = producer.principal().callerFor(operation);
        } catch (AccessDeniedException denied) {
            return Optional.empty();
        }
        if (caller.ownAccountsOnly() && record instanceof OpenAccount open
                && (!caller.principal().equals(open.getOwnerId()) || open.getOverdraftLimit() != 0)) {
            return Optional.empty();
        }
        return Optional.of(caller);
    }

    private static TopicCommand kindOf(SpecificRecord record) {
        if (record instanceof OpenAccount) {
            return TopicCommand.OPEN_ACCOUNT;
        }
        if (record instanceof DepositMoney) {
            return TopicCommand.DEPOSIT;
        }
        if (record instanceof WithdrawMoney) {
            return TopicCommand.WITHDRAW;
        }
        if (record instanceof RequestTransfer) {
            return TopicCommand.TRANSFER;
        }
        throw invalid(record.getSchema().getFullName() + " is not a command accepted on this topic");
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
