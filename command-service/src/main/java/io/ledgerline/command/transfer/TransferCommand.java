package io.ledgerline.command.transfer;

import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A transfer's commands: requested by a client, settled by the transfer process; each answers the transfer's state. */
public sealed interface TransferCommand extends AggregateCommand<TransferOutcome> {

    String transferId();

    @Override
    @TargetAggregateIdentifier
    default String aggregateId() {
        return AggregateIds.transfer(transferId());
    }

    record RequestTransfer(String transferId, String sourceAccountId, String destinationAccountId, Money money,
                           String description, Caller caller) implements TransferCommand {
    }

    record CompleteTransfer(String transferId) implements TransferCommand {
    }

    record RejectTransfer(String transferId, String code) implements TransferCommand {
    }

    record FailTransfer(String transferId, String reason) implements TransferCommand {
    }
}
