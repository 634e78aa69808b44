package io.ledgerline.command.account;

/**
 * What an account answers to an {@link AccountCommand}: the sealed set of the account's outcomes. An account
 * command names one of them as its answer type, so a new outcome is added here or not at all.
 */
public sealed interface AccountAnswer permits AccountOutcome, MoneyOutcome, TransferStepOutcome {

    String accountId();
}
