package io.ledgerline.command.transfer;

import io.ledgerline.command.intake.CommandIntake;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Requests a transfer: 202 with its current status; the transfer process settles it. */
@RestController
@RequestMapping(path = "/api/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class TransferController {

    private final CommandIntake intake;

    TransferController(CommandIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> request(@Valid @RequestBody TransferRequest body, LedgerPrincipal principal,
                                   HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.TRANSFER);
        return intake.submit(principal, request, body, body.toCommand(caller),
                (TransferOutcome requested) -> HttpStatus.ACCEPTED); // it settles after the answer
    }
}
