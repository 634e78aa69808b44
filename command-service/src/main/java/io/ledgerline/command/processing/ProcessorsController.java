package io.ledgerline.command.processing;

import io.ledgerline.command.processing.ProcessorSegments.ClaimedElsewhereException;
import io.ledgerline.command.processing.ProcessorSegments.ProcessorView;
import io.ledgerline.command.processing.ProcessorSegments.ProcessorsView;
import io.ledgerline.command.processing.ProcessorSegments.UnknownProcessorException;
import io.ledgerline.command.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator-only (see SecurityConfig): the tracking processors' segments over all instances, and splitting or
 * merging one on a running store. A split or merge is carried out by the instance holding the segment; sent to
 * another one it answers 409 {@code segment-claimed-elsewhere} naming the holder.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin")
class ProcessorsController {

    private final ProcessorSegments segments;

    ProcessorsController(ProcessorSegments segments) {
        this.segments = segments;
    }

    @Operation(summary = "Every tracking processor's segments: which instance holds each, and positions held here")
    @GetMapping
    ProcessorsView all() {
        return segments.all();
    }

    @Operation(summary = "One tracking processor's segments")
    @GetMapping("/{name}")
    ProcessorView one(@PathVariable String name) {
        return segments.one(name);
    }

    @Operation(summary = "Split a segment held by this instance into two, for more parallelism across instances")
    @PostMapping("/{name}/segments/{segment}/split")
    ProcessorView split(@PathVariable String name, @PathVariable int segment) {
        return segments.split(name, segment);
    }

    @Operation(summary = "Merge a segment held by this instance with the segment it was split from")
    @PostMapping("/{name}/segments/{segment}/merge")
    ProcessorView merge(@PathVariable String name, @PathVariable int segment) {
        return segments.merge(name, segment);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknown(UnknownProcessorException unknown) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "not-found", unknown.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> elsewhere(ClaimedElsewhereException elsewhere) {
        return Problems.response(Problems.problem(HttpStatus.CONFLICT, "segment-claimed-elsewhere",
                elsewhere.getMessage()));
    }
}
