package io.ledgerline.query.account;

import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.query.security.Reader;
import io.ledgerline.query.web.Cursors;
import io.ledgerline.query.web.Page;
import io.ledgerline.query.web.Parameters;
import io.ledgerline.query.web.ValidationFailedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "accounts", description = "Accounts, statements and owner summaries")
class AccountController {

    private final AccountQueries queries;
    private final Cursors cursors;

    AccountController(AccountQueries queries, Cursors cursors) {
        this.queries = queries;
        this.cursors = cursors;
    }

    @Operation(summary = "One account; ETag is its version, minVersion waits for read-your-writes")
    @GetMapping("/accounts/{accountId}")
    ResponseEntity<AccountView> account(
            @PathVariable @Pattern(regexp = LedgerLimits.ID_REGEX, message = Parameters.ID_MESSAGE) String accountId,
            @RequestParam(required = false) @Positive Long minVersion,
            Authentication authentication) {
        AccountView account = queries.account(accountId, Reader.of(authentication), minVersion);
        return ResponseEntity.ok().eTag(Long.toString(account.version())).body(account);
    }

    @Operation(summary = "Accounts ordered by accountId, keyset-paginated")
    @GetMapping("/accounts")
    Page<AccountView> accounts(
            @RequestParam(required = false) @Pattern(regexp = LedgerLimits.ID_REGEX, message = Parameters.ID_MESSAGE)
            String ownerId,
            @RequestParam(required = false) AccountStatus status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String minVersion,
            Authentication authentication) {
        Parameters.rejectMinVersion(minVersion);
        String filters = "accounts|" + (ownerId == null ? "" : ownerId) + "|" + (status == null ? "" : status);
        String after = cursors.decode(cursor, filters);
        return Page.of(queries.accounts(Reader.of(authentication), ownerId, status, after, limit),
                account -> cursors.encode(filters, account.accountId()));
    }

    @Operation(summary = "Statement of an account, newest first; from inclusive, to exclusive (RFC 3339)")
    @GetMapping("/accounts/{accountId}/transactions")
    Page<StatementEntry> transactions(
            @PathVariable @Pattern(regexp = LedgerLimits.ID_REGEX, message = Parameters.ID_MESSAGE) String accountId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Positive Long minVersion,
            Authentication authentication) {
        Instant fromTime = Parameters.timestamp("from", from);
        Instant toTime = Parameters.timestamp("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new ValidationFailedException("to", "must be after from");
        }
        String filters = "transactions|" + accountId + "|" + fromTime + "|" + toTime;
        Long before = versionPosition(cursors.decode(cursor, filters));
        return Page.of(queries.statement(accountId, Reader.of(authentication), minVersion, fromTime, toTime,
                        before, limit),
                entry -> cursors.encode(filters, Long.toString(entry.version())));
    }

    @Operation(summary = "Count of an owner's accounts that are not closed, and balances per currency")
    @GetMapping("/owners/{ownerId}/summary")
    OwnerSummary summary(
            @PathVariable @Pattern(regexp = LedgerLimits.ID_REGEX, message = Parameters.ID_MESSAGE) String ownerId,
            @RequestParam(required = false) String minVersion,
            Authentication authentication) {
        Parameters.rejectMinVersion(minVersion);
        return queries.summary(ownerId, Reader.of(authentication));
    }

    private static Long versionPosition(String position) {
        if (position == null) {
            return null;
        }
        try {
            return Long.valueOf(position);
        } catch (NumberFormatException e) {
            throw new ValidationFailedException("cursor", "is not a cursor this request can continue from");
        }
    }
}
