package io.ledgerline.command.transfer;

/** The answer body of a transfer request (docs/product.md §2): the transfer's status name and version. */
public record TransferBody(String transferId, String status, long version) {
}
