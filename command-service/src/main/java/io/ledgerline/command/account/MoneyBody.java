package io.ledgerline.command.account;

/** The answer body of a deposit or withdrawal (docs/product.md §2). */
public record MoneyBody(String accountId, String transactionId, long version, long balance) {
}
