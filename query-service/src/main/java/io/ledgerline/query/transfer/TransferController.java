package io.ledgerline.query.transfer;

import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.query.security.Reader;
import io.ledgerline.query.web.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "transfers")
class TransferController {

    private final TransferQueries queries;

    TransferController(TransferQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "One transfer; ETag is its version, minVersion waits for read-your-writes")
    @GetMapping("/api/v1/transfers/{transferId}")
    ResponseEntity<TransferView> transfer(
            @PathVariable @Pattern(regexp = LedgerLimits.ID_REGEX, message = Parameters.ID_MESSAGE) String transferId,
            @RequestParam(required = false) @Positive Long minVersion,
            Authentication authentication) {
        TransferView transfer = queries.transfer(transferId, Reader.of(authentication), minVersion);
        return ResponseEntity.ok().eTag(Long.toString(transfer.version())).body(transfer);
    }
}
