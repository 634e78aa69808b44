package io.ledgerline.command.transfer;

import io.ledgerline.command.ledger.CommandAnswer;

/** The answer to a transfer request, also to a repeat: the transfer's current status and version. */
public record TransferOutcome(String transferId, TransferStatus status, long version) implements CommandAnswer {

    @Override
    public TransferBody body() {
        return new TransferBody(transferId, status.name(), version);
    }
}
