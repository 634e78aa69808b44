package io.ledgerline.command.account;

/**
 * The answer to a deposit or withdrawal: the version and balance of the event the command produced, or of the
 * original event when the command is a retry.
 */
public record MoneyOutcome(String accountId, String transactionId, long version, long balance) {
}
