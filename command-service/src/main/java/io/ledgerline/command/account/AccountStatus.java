package io.ledgerline.command.account;

public enum AccountStatus {
    OPEN, FROZEN, CLOSED
}
