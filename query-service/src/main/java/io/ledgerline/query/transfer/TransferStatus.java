package io.ledgerline.query.transfer;

public enum TransferStatus {
    REQUESTED, COMPLETED, REJECTED, FAILED
}
