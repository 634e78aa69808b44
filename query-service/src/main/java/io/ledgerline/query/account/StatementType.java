package io.ledgerline.query.account;

public enum StatementType {
    DEPOSIT, WITHDRAWAL, TRANSFER_OUT, TRANSFER_IN, TRANSFER_REFUND
}
