package io.ledgerline.command.account;

/** The answer body of open, freeze, unfreeze and close (docs/product.md §2). */
public record AccountBody(String accountId, long version) {
}
