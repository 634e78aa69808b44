package io.ledgerline.command.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Operation;
import io.ledgerline.command.web.ApiProblemException;
import io.ledgerline.command.web.Problems;
import io.ledgerline.command.web.ValidId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The status of an asynchronous command: only its submitter, operators and auditors may read it. */
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
    CommandStatusBody status(@PathVariable @ValidId String commandId, LedgerPrincipal principal) {
        boolean readsAll = !principal.callerFor(Operation.READ_COMMAND).ownAccountsOnly();
        return statuses.find(commandId)
                .filter(status -> readsAll || status.submitter().equals(principal.id()))
                .map(status -> new CommandStatusBody(status.commandId(), status.status().name(), status.code(),
                        status.detail(), status.result()))
                .orElseThrow(() -> new ApiProblemException(Problems.problem(HttpStatus.NOT_FOUND,
                        "command-not-found", "command " + commandId + " not found")));
    }
}
