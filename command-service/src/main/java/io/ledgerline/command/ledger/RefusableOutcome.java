package io.ledgerline.command.ledger;

/**
 * An outcome that can be a refusal kept as a decision rather than thrown (a transfer step is decided once and
 * repeated to every retry), so metrics count it as refused although the command returned normally.
 */
public interface RefusableOutcome {

    /** The refusal, or {@code null} when the command was applied. */
    Refusal refusal();

    default boolean isRefused() {
        return refusal() != null;
    }
}
