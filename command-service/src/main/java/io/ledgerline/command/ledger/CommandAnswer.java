package io.ledgerline.command.ledger;

/**
 * A command's outcome as its submitter sees it, the same on every channel: {@link #body()} is the body of a
 * synchronous HTTP answer and the result kept in the command's status (from which the command topic's
 * {@code CommandResult} outcome is read). Each feature's outcomes implement it with a body record of their own
 * package, so the intake renders an outcome without knowing the feature.
 */
public interface CommandAnswer {

    Record body();
}
