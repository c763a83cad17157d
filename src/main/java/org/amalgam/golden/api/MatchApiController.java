package org.amalgam.golden.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.ingest.RecordPushes;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Finds the golden records that match a record, without storing it. */
@RestController
@Tag(name = "Matching")
class MatchApiController {

    private final RecordPushes pushes;
    private final GoldenRecords golden;

    MatchApiController(RecordPushes pushes, GoldenRecords golden) {
        this.pushes = pushes;
        this.golden = golden;
    }

    @PostMapping("/api/v1/match/{type}")
    @Operation(
            summary = "Find the golden records that match a record; stores nothing",
            description = "Body: an object of attribute names and values, standardized as a push would be. Answers"
                    + " the decision the matcher would take (JOIN, NEW or REVIEW) and every candidate golden record,"
                    + " best first, with its probability, band (SAME, POSSIBLE, DIFFERENT) and evidence: each"
                    + " comparison's level and weight in bits, which add up to the score.")
    Map<String, Object> match(@PathVariable String type, @RequestBody Map<String, Object> body) {
        return golden.findMatches(type, pushes.standardize(type, body));
    }
}
