package io.ledgerline.command.transfer;

public enum TransferStatus {
    REQUESTED, COMPLETED, REJECTED, FAILED;

    public boolean isTerminal() {
        return this != REQUESTED;
    }
}
