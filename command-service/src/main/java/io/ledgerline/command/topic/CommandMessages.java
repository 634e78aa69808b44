package io.ledgerline.command.topic;

import io.ledgerline.command.account.AccountRequests.MoneyRequest;
import io.ledgerline.command.account.AccountRequests.OpenAccountRequest;
import io.ledgerline.command.intake.CommandProducers;
import io.ledgerline.command.intake.IntakeProperties.TopicCommand;
import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.CommandAnswer;
import io.ledgerline.command.ledger.CommandType;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.transfer.TransferRequest;
import io.ledgerline.command.web.Problems;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.security.access.AccessDeniedException;

/**
 * Turns a decoded command record of a producer's command topic into a domain command, applying the same rules as
 * the HTTP bodies and the rights of the producer's roles (docs/product.md §6); freeze, unfreeze and close stay on
 * HTTP.
 */
final class CommandMessages {

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
        if (record instanceof OpenAccount open && !requestOf(open).mayBeSentBy(caller)) {
            return Optional.empty();
        }
        return Optional.of(caller);
    }

    /** The type of a decoded record of the topic; null when it is not one of the topic's commands. */
    static CommandType typeOf(SpecificRecord record) {
        return kindIfAny(record).map(kind -> new CommandType(record.getSchema().getName())).orElse(null);
    }

    private static TopicCommand kindOf(SpecificRecord record) {
        return kindIfAny(record).orElseThrow(
                () -> invalid(record.getSchema().getFullName() + " is not a command accepted on this topic"));
    }

    private static Optional<TopicCommand> kindIfAny(SpecificRecord record) {
        if (record instanceof OpenAccount) {
            return Optional.of(TopicCommand.OPEN_ACCOUNT);
        }
        if (record instanceof DepositMoney) {
            return Optional.of(TopicCommand.DEPOSIT);
        }
        if (record instanceof WithdrawMoney) {
            return Optional.of(TopicCommand.WITHDRAW);
        }
        if (record instanceof RequestTransfer) {
            return Optional.of(TopicCommand.TRANSFER);
        }
        return Optional.empty();
    }

    /**
     * The domain command of {@code record}: turned into the request the HTTP endpoint takes and validated by the
     * same annotations (one set of rules for both channels), then built the same way.
     *
     * @throws InvalidCommandException when the record breaks a rule
     */
    static AggregateCommand<? extends CommandAnswer> toDomain(SpecificRecord record, Caller caller,
                                                              Validator validator) {
        if (record instanceof OpenAccount open) {
            return valid(validator, requestOf(open)).toCommand(open.getAccountId(), caller);
        }
        if (record instanceof DepositMoney deposit) {
            id("accountId", deposit.getAccountId());
            return valid(validator, new MoneyRequest(deposit.getTransactionId(), deposit.getAmount(),
                    deposit.getCurrency(), deposit.getDescription())).toDeposit(deposit.getAccountId(), caller);
        }
        if (record instanceof WithdrawMoney withdraw) {
            id("accountId", withdraw.getAccountId());
            return valid(validator, new MoneyRequest(withdraw.getTransactionId(), withdraw.getAmount(),
                    withdraw.getCurrency(), withdraw.getDescription())).toWithdrawal(withdraw.getAccountId(), caller);
        }
        if (record instanceof RequestTransfer transfer) {
            return valid(validator, new TransferRequest(transfer.getTransferId(), transfer.getSourceAccountId(),
                    transfer.getDestinationAccountId(), transfer.getAmount(), transfer.getCurrency(),
                    transfer.getDescription())).toCommand(caller);
        }
        throw invalid(record.getSchema().getFullName() + " is not a command accepted on this topic");
    }

    private static OpenAccountRequest requestOf(OpenAccount open) {
        return new OpenAccountRequest(open.getAccountId(), open.getOwnerId(), open.getCurrency(),
                open.getOverdraftLimit());
    }

    /** The account id of a money command travels in the record here and in the path over HTTP ({@code @ValidId}). */
    private static void id(String field, String value) {
        if (!LedgerLimits.isValidId(value)) {
            throw invalid(field + " must match " + LedgerLimits.ID_REGEX);
        }
    }

    private static <T> T valid(Validator validator, T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw invalid(violations.stream().map(violation -> violation.getPropertyPath() + " "
                    + violation.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return request;
    }

    private static InvalidCommandException invalid(String detail) {
        return new InvalidCommandException(Problems.VALIDATION_FAILED, detail);
    }
}
