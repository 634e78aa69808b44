package io.ledgerline.command.transfer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ledgerline.command.intake.CommandIntake;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.transfer.TransferCommand.RequestTransfer;
import io.ledgerline.command.web.SupportedCurrency;
import io.ledgerline.command.web.ValidId;
import io.ledgerline.contracts.LedgerLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
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

    record TransferRequest(@NotNull @ValidId String transferId,
                           @NotNull @ValidId String sourceAccountId,
                           @NotNull @ValidId String destinationAccountId,
                           @NotNull @Min(LedgerLimits.MIN_AMOUNT) @Max(LedgerLimits.MAX_AMOUNT) Long amount,
                           @NotNull @SupportedCurrency String currency,
                           @Size(max = LedgerLimits.MAX_TEXT_LENGTH) String description) {

        @JsonIgnore
        @AssertTrue(message = "source and destination must be different accounts")
        public boolean isDestinationAccountIdDifferent() {
            return sourceAccountId == null || !Objects.equals(sourceAccountId, destinationAccountId);
        }
    }

    private final CommandIntake intake;

    TransferController(CommandIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> request(@Valid @RequestBody TransferRequest body, LedgerPrincipal principal,
                                   HttpServletRequest request) {
        Caller caller = principal.callerFor(Operation.TRANSFER);
        return intake.submit(principal, request, body, new RequestTransfer(body.transferId(),
                body.sourceAccountId(), body.destinationAccountId(), new Money(body.amount(), body.currency()),
                body.description(), caller),
                (TransferOutcome requested) -> HttpStatus.ACCEPTED); // it settles after the answer
    }
}
