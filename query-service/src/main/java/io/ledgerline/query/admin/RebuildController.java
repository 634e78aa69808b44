package io.ledgerline.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator-only (see SecurityConfig): rebuild the read models from offset 0 and watch it happen. */
@RestController
@RequestMapping("/api/v1/admin/projections/rebuild")
@Tag(name = "admin")
class RebuildController {

    private final RebuildService rebuilds;

    RebuildController(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Operation(summary = "Start a rebuild into a fresh generation; while one runs, reports that one")
    @PostMapping
    ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start());
    }

    @Operation(summary = "Progress of the latest rebuild: events applied, positions against end offsets, state")
    @GetMapping
    RebuildStatus status() {
        return rebuilds.status();
    }
}
