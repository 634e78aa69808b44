package io.ledgerline.query.account;

public enum AccountStatus {
    OPEN, FROZEN, CLOSED
}
