package io.ledgerline.command.account;

import io.ledgerline.command.account.AccountCommand.CloseAccount;
import io.ledgerline.command.account.AccountCommand.FreezeAccount;
import io.ledgerline.command.account.AccountCommand.UnfreezeAccount;
import io.ledgerline.command.account.AccountRequests.CloseRequest;
import io.ledgerline.command.account.AccountRequests.MoneyRequest;
import io.ledgerline.command.account.AccountRequests.OpenAccountRequest;
import io.ledgerline.command.account.AccountRequests.ReasonRequest;
import io.ledgerline.command.intake.CommandIntake;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.web.ValidId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The account commands of PRODUCT.md §3: one endpoint, one command. */
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

    private final CommandIntake intake;

    AccountController(CommandIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> open(@Valid @RequestBody OpenAccountRequest body, LedgerPrincipal principal,
                                HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.OPEN_ACCOUNT);
        if (!body.mayBeSentBy(caller)) {
            throw new AccessDeniedException("customers open accounts for themselves, without overdraft");
        }
        String accountId = body.accountId() != null ? body.accountId() : CommandIntake.generatedId(principal, request);
        return intake.submit(principal, request, body, body.toCommand(accountId, caller),
                (AccountOutcome opened) -> opened.changed() ? HttpStatus.CREATED : HttpStatus.OK);
    }

    @PostMapping(path = "/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deposit(@PathVariable @ValidId String accountId, @Valid @RequestBody MoneyRequest body,
                                   LedgerPrincipal principal, HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.DEPOSIT);
        return intake.submit(principal, request, body, body.toDeposit(accountId, caller));
    }

    @PostMapping(path = "/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> withdraw(@PathVariable @ValidId String accountId, @Valid @RequestBody MoneyRequest body,
                                    LedgerPrincipal principal, HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.WITHDRAW);
        return intake.submit(principal, request, body, body.toWithdrawal(accountId, caller));
    }

    @PostMapping(path = "/{accountId}/freeze", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> freeze(@PathVariable @ValidId String accountId, @Valid @RequestBody ReasonRequest body,
                                  LedgerPrincipal principal, HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.FREEZE);
        return intake.submit(principal, request, body, new FreezeAccount(accountId, body.reason(), caller));
    }

    @PostMapping(path = "/{accountId}/unfreeze", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> unfreeze(@PathVariable @ValidId String accountId, @Valid @RequestBody ReasonRequest body,
                                    LedgerPrincipal principal, HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.UNFREEZE);
        return intake.submit(principal, request, body, new UnfreezeAccount(accountId, body.reason(), caller));
    }

    @PostMapping("/{accountId}/close")
    ResponseEntity<?> close(@PathVariable @ValidId String accountId, LedgerPrincipal principal,
                                 HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.CLOSE);
        return intake.submit(principal, request, new CloseRequest(accountId), new CloseAccount(accountId, caller));
    }
}
