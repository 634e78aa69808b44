package io.ledgerline.command.transfer;

import io.ledgerline.command.ledger.Money;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;

/** Factory methods that keep the generated Avro builders out of the aggregate's way. */
final class TransferEvents {

    private TransferEvents() {
    }

    static TransferRequested requested(String transferId, String sourceAccountId, String destinationAccountId,
                                       Money money, String description) {
        return TransferRequested.newBuilder().setTransferId(transferId).setSourceAccountId(sourceAccountId)
                .setDestinationAccountId(destinationAccountId).setAmount(money.amount())
                .setCurrency(money.currency()).setDescription(description).build();
    }

    static TransferCompleted completed(String transferId) {
        return TransferCompleted.newBuilder().setTransferId(transferId).build();
    }

    static TransferRejected rejected(String transferId, String code) {
        return TransferRejected.newBuilder().setTransferId(transferId).setCode(code).build();
    }

    static TransferFailed failed(String transferId, String reason) {
        return TransferFailed.newBuilder().setTransferId(transferId).setReason(reason).build();
    }
}
