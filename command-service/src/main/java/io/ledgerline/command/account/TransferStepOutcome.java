package io.ledgerline.command.account;

import io.ledgerline.command.ledger.RefusableOutcome;
import io.ledgerline.command.ledger.Refusal;

/**
 * The decision on one step of a transfer (debit, credit or refund) for one account: applied, with the version
 * and balance of its event, or refused with a reason. Decided once per transfer and account, and repeated
 * unchanged to every retry.
 */
public record TransferStepOutcome(String accountId, String transferId, Refusal refusal, Long version, Long balance)
        implements AccountAnswer, RefusableOutcome {

    static TransferStepOutcome applied(String accountId, String transferId, long version, long balance) {
        return new TransferStepOutcome(accountId, transferId, null, version, balance);
    }

    static TransferStepOutcome refused(String accountId, String transferId, Refusal refusal) {
        return new TransferStepOutcome(accountId, transferId, refusal, null, null);
    }
}
