package org.amalgam.golden.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.golden.GoldenAssignment;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.ingest.RecordPushes;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A source system pushes one record and gets its golden record back at once; it deletes a record it no longer has;
 * it looks up where one of its records went.
 */
@RestController
@Tag(name = "Records", description = "Push and delete one source record; find its golden record")
class RecordApiController {

    private final RecordPushes pushes;
    private final GoldenRecords golden;
    private final TransactionTemplate transaction;

    RecordApiController(RecordPushes pushes, GoldenRecords golden, TransactionTemplate transaction) {
        this.pushes = pushes;
        this.golden = golden;
        this.transaction = transaction;
    }

    @PutMapping("/api/v1/sources/{source}/records/{type}/{sourceKey}")
    @Operation(
            summary = "Upsert one record and match it now",
            description = "Body: an object of attribute names and values. Outcome: CREATED (a new golden record),"
                    + " MERGED (joined an existing golden record), UPDATED (a changed record stays in its golden"
                    + " record), REVIEW (a steward must decide), UNCHANGED (the same content again). Source key"
                    + " (Bearer) of this source, or ADMIN.")
    PushResponse push(
            @PathVariable String source,
            @PathVariable String type,
            @PathVariable String sourceKey,
            @RequestBody Map<String, Object> body) {
        // the push and the reads of its answer in one transaction: a push is small, and a transaction of its own for
        // each read cost as much as the read itself
        return transaction.execute(status -> pushAndAnswer(source, type, sourceKey, body));
    }

    private PushResponse pushAndAnswer(String source, String type, String sourceKey, Map<String, Object> body) {
        RecordPushes.PushResult result = pushes.push(source, type, sourceKey, body);
        GoldenAssignment assignment = golden.assignment(result.sourceRecordId()).orElseThrow();
        List<Map<String, Object>> links = result.change() == RecordPushes.Change.UNCHANGED
                ? List.of()
                : golden.matchLinks(result.sourceRecordId());
        String outcome =
                switch (result.change()) {
                    case UNCHANGED -> "UNCHANGED";
                    case UPDATED -> "UPDATED";
                    // what this push did, not what parallel pushes did since: it made a new golden record or joined one
                    case CREATED -> outcomeOfNew(assignment, links);
                };
        return new PushResponse(assignment.goldenId(), outcome, evidence(assignment, links));
    }

    @DeleteMapping("/api/v1/sources/{source}/records/{type}/{sourceKey}")
    @Operation(
            summary = "The source no longer has this record",
            description = "The record is marked deleted (its versions are kept) and its golden record is recomputed;"
                    + " a golden record with no source record left is retired.")
    DeleteResponse delete(@PathVariable String source, @PathVariable String type, @PathVariable String sourceKey) {
        long id = pushes.delete(source, type, sourceKey);
        GoldenAssignment assignment = golden.assignment(id).orElse(null);
        return new DeleteResponse(
                source,
                type,
                sourceKey,
                true,
                assignment == null ? null : assignment.goldenId(),
                assignment == null ? null : assignment.goldenStatus());
    }

    @GetMapping("/api/v1/xref/{source}/{type}/{sourceKey}")
    @Operation(summary = "The golden id that holds this source record")
    XrefResponse xref(@PathVariable String source, @PathVariable String type, @PathVariable String sourceKey) {
        GoldenAssignment assignment = golden.xref(source, type, sourceKey);
        return new XrefResponse(source, type, sourceKey, assignment.goldenId(), assignment.rule());
    }

    /** A new record made a new golden record (CREATED), joined one (MERGED), or waits for a steward (REVIEW). */
    private static String outcomeOfNew(GoldenAssignment assignment, List<Map<String, Object>> links) {
        if (!GoldenRecords.NEW_ENTITY_RULE.equals(assignment.rule())) {
            return "MERGED";
        }
        return links.stream().anyMatch(link -> "POSSIBLE".equals(link.get("kind"))) ? "REVIEW" : "CREATED";
    }

    /**
     * Why the record is where it is: the rule, its golden record and size, and each match link with its evidence
     * (the comparisons' levels and weights that add up to the score).
     */
    private static List<Map<String, Object>> evidence(GoldenAssignment assignment, List<Map<String, Object>> links) {
        if (links.isEmpty() && GoldenRecords.NEW_ENTITY_RULE.equals(assignment.rule())) {
            return List.of();
        }
        List<Map<String, Object>> evidence = new java.util.ArrayList<>();
        for (Map<String, Object> link : links) {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("rule", "POSSIBLE".equals(link.get("kind")) ? "possible match" : assignment.rule());
            item.putAll(link);
            evidence.add(item);
        }
        if (evidence.isEmpty()) {
            evidence.add(Map.of(
                    "rule", assignment.rule(), "golden", assignment.goldenId(), "members", assignment.members()));
        }
        return evidence;
    }

    /** The answer to a push. */
    record PushResponse(UUID goldenId, String outcome, List<Map<String, Object>> evidence) {}

    /** The answer to a delete. */
    record DeleteResponse(
            String source, String type, String sourceKey, boolean deleted, UUID goldenId, String goldenStatus) {}

    /** Where a source record is. */
    record XrefResponse(String source, String type, String sourceKey, UUID goldenId, String rule) {}
}
