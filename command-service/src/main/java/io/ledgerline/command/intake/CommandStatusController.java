package io.ledgerline.command.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.web.ApiProblemException;
import io.ledgerline.command.web.Problems;
import io.ledgerline.command.web.ValidId;
import io.ledgerline.contracts.Topics;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status of an asynchronous command: only its submitter, operators and auditors may read it. Operators and
 * auditors read a command-topic message's status with {@code ?producer=<name>}, since command ids are scoped per
 * producer.
 */
@RestController
@RequestMapping("/api/v1/commands")
class CommandStatusController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommandStatusBody(String commandId, String status, String code, String detail, JsonNode result) {
    }

    private final CommandStatuses statuses;

    CommandStatusController(CommandStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/{commandId}")
    CommandStatusBody status(@PathVariable @ValidId String commandId,
                             @RequestParam(required = false) @Pattern(regexp = Topics.PRODUCER_REGEX,
                                     message = "must match " + Topics.PRODUCER_REGEX) String producer,
                             LedgerPrincipal principal) {
        boolean readsAll = !principal.callerFor(Operation.READ_COMMAND).ownAccountsOnly();
        Optional<CommandStatuses.CommandStatus> found;
        if (!readsAll) {
            found = producer == null ? statuses.find(principal.id(), commandId) : Optional.empty();
        } else {
            found = producer == null ? statuses.findHttp(commandId)
                    : statuses.find(CommandProducers.SUBMITTER_PREFIX + producer, commandId);
        }
        return found.map(status -> new CommandStatusBody(status.commandId(), status.status().name(), status.code(),
                        status.detail(), status.result()))
                .orElseThrow(() -> new ApiProblemException(Problems.problem(HttpStatus.NOT_FOUND,
                        "command-not-found", "command " + commandId + " not found")));
    }
}
