package io.ledgerline.command.account;

import io.ledgerline.command.ledger.CommandAnswer;

/**
 * The answer to open, freeze, unfreeze and close: the account and its version after the command, and whether the
 * command appended an event (a repeated open or a state change that already holds does not).
 */
public record AccountOutcome(String accountId, long version, boolean changed) implements AccountAnswer, CommandAnswer {

    @Override
    public AccountBody body() {
        return new AccountBody(accountId, version);
    }
}
