package io.ledgerline.command.kafka;

import io.ledgerline.command.kafka.Republisher.BeyondPublishedException;
import io.ledgerline.command.kafka.Republisher.PublicationStatus;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.web.Problems;
import io.ledgerline.command.web.Problems.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator-only (see SecurityConfig): the Kafka publisher's position, and re-publication from a position. */
@RestController
@RequestMapping(path = "/api/v1/admin/publication", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin")
class PublicationController {

    /** {@code fromPosition}: the event-store position (global index) of the first event to publish again. */
    record RepublishRequest(@NotNull @Min(0) Long fromPosition) {
    }

    private final Republisher republisher;

    PublicationController(Republisher republisher) {
        this.republisher = republisher;
    }

    @Operation(summary = "Where the publisher is: its position, the event store head, whether it is replaying")
    @GetMapping
    PublicationStatus status() {
        return republisher.status();
    }

    @Operation(summary = "Publish every stored event again from an event-store position; consumers deduplicate")
    @PostMapping(path = "/republish", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicationStatus> republish(@Valid @RequestBody RepublishRequest body,
                                                LedgerPrincipal principal) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(republisher.republishFrom(body.fromPosition(), principal.id()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> beyondPublished(BeyondPublishedException beyond) {
        return Problems.response(Problems.validationFailed("cannot start after what has been published",
                List.of(new FieldError("fromPosition", beyond.getMessage()))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> claimedElsewhere(UnableToClaimTokenException claimed) {
        return Problems.response(Problems.problem(HttpStatus.CONFLICT, Refusal.CONCURRENCY_CONFLICT.code(),
                "another instance still held a segment of the publisher after the claim timeout; nothing was"
                        + " rewound, retry"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> underWay(PublicationPause.UnderWayException underWay) {
        return Problems.response(Problems.problem(HttpStatus.CONFLICT, Refusal.CONCURRENCY_CONFLICT.code(),
                "a re-publication is under way; retry when it has ended"));
    }
}
