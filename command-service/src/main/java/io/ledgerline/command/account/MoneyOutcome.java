package io.ledgerline.command.account;

import io.ledgerline.command.ledger.CommandAnswer;

/**
 * The answer to a deposit or withdrawal: the version and balance of the event the command produced, or of the
 * original event when the command is a retry.
 */
public record MoneyOutcome(String accountId, String transactionId, long version, long balance)
        implements AccountAnswer, CommandAnswer {

    @Override
    public MoneyBody body() {
        return new MoneyBody(accountId, transactionId, version, balance);
    }
}
