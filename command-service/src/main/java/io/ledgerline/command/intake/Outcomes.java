package io.ledgerline.command.intake;

import io.ledgerline.command.account.AccountCommand.OpenAccount;
import io.ledgerline.command.account.AccountOutcome;
import io.ledgerline.command.account.MoneyOutcome;
import io.ledgerline.command.transfer.TransferCommand.RequestTransfer;
import io.ledgerline.command.transfer.TransferOutcome;
import org.springframework.http.HttpStatus;

/**
 * How a command's outcome is answered: the HTTP body and status of a synchronous request, and the
 * {@code result} of a command status (from which a {@code CommandResult}'s outcome is read).
 */
public final class Outcomes {

    private Outcomes() {
    }

    public record AccountBody(String accountId, long version) {
    }

    public record MoneyBody(String accountId, String transactionId, long version, long balance) {
    }

    public record TransferBody(String transferId, String status, long version) {
    }

    public static Object body(Object outcome) {
        if (outcome instanceof AccountOutcome account) {
            return new AccountBody(account.accountId(), account.version());
        }
        if (outcome instanceof MoneyOutcome money) {
            return new MoneyBody(money.accountId(), money.transactionId(), money.version(), money.balance());
        }
        if (outcome instanceof TransferOutcome transfer) {
            return new TransferBody(transfer.transferId(), transfer.status().name(), transfer.version());
        }
        throw new IllegalArgumentException("no body for " + outcome);
    }

    /** 201 for a new account, 202 for a transfer (it settles asynchronously), 200 for everything else. */
    public static HttpStatus status(Object command, Object outcome) {
        if (command instanceof OpenAccount && outcome instanceof AccountOutcome account && account.changed()) {
            return HttpStatus.CREATED;
        }
        if (command instanceof RequestTransfer) {
            return HttpStatus.ACCEPTED;
        }
        return HttpStatus.OK;
    }
}
