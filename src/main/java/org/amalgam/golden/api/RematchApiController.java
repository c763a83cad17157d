package org.amalgam.golden.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.amalgam.golden.DryRunReport;
import org.amalgam.golden.RematchJobView;
import org.amalgam.golden.Rematching;
import org.amalgam.shared.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Changing the rules safely: the dry run of a changed model, and the re-match that follows saving it. */
@RestController
@Tag(name = "Model")
class RematchApiController {

    private final Rematching rematching;

    RematchApiController(Rematching rematching) {
        this.rematching = rematching;
    }

    @PostMapping("/api/v1/model/{type}/dry-run")
    @Operation(
            summary = "What saving a changed model would do to the golden records; writes nothing",
            description = "Body: the model as PUT /api/v1/model/{type} takes it (YAML, or JSON with Content-Type:"
                    + " application/json). Every record is matched again under its match settings and every value"
                    + " chosen again under its survivorship; answers how many golden records would be merged away,"
                    + " split, joined, change values or stay the same, with samples (old against new values), the"
                    + " thresholds of both models and where the weights come from. An invalid model gets the same"
                    + " 400 as a PUT. ADMIN only.")
    DryRunReport dryRun(
            @PathVariable String type,
            @RequestBody(required = false) String body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @Parameter(description = "golden records shown per outcome, 0 to 100") @RequestParam(defaultValue = "10")
                    int samples) {
        boolean yaml = contentType == null || !contentType.contains("json");
        return rematching.dryRun(type, body, yaml, samples);
    }

    @GetMapping("/api/v1/model/{type}/rematch")
    @Operation(
            summary = "The latest re-match of an entity type",
            description = "Saving a model whose match or survivorship settings changed re-matches the type in the"
                    + " background: status QUEUED, RUNNING, COMPLETED or FAILED, the phase and its progress, and"
                    + " counts (merged, split, created, restored, movedRecords, updated, possibleMatches, skipped).")
    RematchJobView latest(@PathVariable String type) {
        return rematching
                .latest(type)
                .orElseThrow(() -> new NotFoundException("The " + type + " model was never re-matched: a re-match"
                        + " starts when a model with changed match or survivorship settings is saved."));
    }
}
