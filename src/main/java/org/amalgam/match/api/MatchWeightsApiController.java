package org.amalgam.match.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.amalgam.match.Matching;
import org.amalgam.match.WeightTable;
import org.amalgam.model.EntityTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Fellegi-Sunter weights of an entity type: read them, or estimate them again from the stored records. */
@RestController
@Tag(name = "Matching")
class MatchWeightsApiController {

    private final EntityTypes entityTypes;
    private final Matching matching;

    MatchWeightsApiController(EntityTypes entityTypes, Matching matching) {
        this.entityTypes = entityTypes;
        this.matching = matching;
    }

    @GetMapping("/api/v1/match/{type}/weights")
    @Operation(
            summary = "The match settings and weights of the type's current model version",
            description = "Thresholds (as probabilities and in bits), blocking keys with their caps, the prior, and per"
                    + " comparison its levels in order with m, u and the weight log2(m/u) in bits. estimated is false"
                    + " while no weights were estimated for this model version: then the cautious starting weights"
                    + " are shown and used.")
    @ApiResponse(responseCode = "200", description = "the weight table")
    @ApiResponse(responseCode = "404", description = "no such entity type")
    WeightTable weights(@PathVariable String type) {
        return matching.weightTable(entityTypes.get(type));
    }

    @PostMapping("/api/v1/match/{type}/weights")
    @Operation(
            summary = "Estimate the weights again from the type's stored records (ADMIN)",
            description = "Runs EM (no labels) over every live record of the type, stores the weights for the"
                    + " current model version and scores new records with them from now on; golden records already"
                    + " made are not matched again. Needs at least "
                    + Matching.MIN_RECORDS_TO_ESTIMATE
                    + " records. Answers the new weight table, as GET does. Takes seconds for thousands of records"
                    + " and minutes for millions.")
    @ApiResponse(responseCode = "200", description = "the weights were estimated and stored; the new weight table")
    @ApiResponse(
            responseCode = "409",
            description = "too few records to estimate from, or all from one deduplicated source")
    @ApiResponse(responseCode = "404", description = "no such entity type")
    WeightTable estimate(@PathVariable String type) {
        return matching.estimateFromStoredRecords(entityTypes.get(type));
    }
}
