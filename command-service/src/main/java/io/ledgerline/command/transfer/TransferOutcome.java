package io.ledgerline.command.transfer;

/** The answer to a transfer request, also to a repeat: the transfer's current status and version. */
public record TransferOutcome(String transferId, TransferStatus status, long version) {
}
