package org.amalgam.golden.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.golden.ChangeEventView;
import org.amalgam.golden.GoldenPage;
import org.amalgam.golden.GoldenRecordView;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.golden.GoldenVersionView;
import org.amalgam.golden.MergeOutcome;
import org.amalgam.golden.SplitOutcome;
import org.amalgam.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@Tag(
        name = "Golden records",
        description = "Search and read golden records, their history and the crosswalk; merge, split, override")
class GoldenApiController {

    static final String NDJSON = "application/x-ndjson";

    private final GoldenRecords golden;

    GoldenApiController(GoldenRecords golden) {
        this.golden = golden;
    }

    @GetMapping("/api/v1/golden/{type}")
    @Operation(
            summary = "Search golden records",
            description = "q: words that must all appear in the record's values (case-insensitive). page counts from"
                    + " 0; size from 1 to 500.")
    GoldenPage search(
            @PathVariable String type,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return golden.search(type, q, page, size);
    }

    @GetMapping("/api/v1/golden/{type}/{id}")
    @Operation(
            summary = "One golden record: values, the lineage of each value, crosswalk",
            description = "A merged-away id answers 308 with the survivor's address in Location (the query kept)."
                    + " asOf (ISO instant such as 2026-03-01T12:00:00Z, or a date) answers the version current"
                    + " then, without the crosswalk; 404 when the record did not exist yet.")
    @ApiResponse(responseCode = "200", description = "the golden record")
    @ApiResponse(responseCode = "308", description = "the id was merged into the record at Location")
    ResponseEntity<?> get(
            @PathVariable String type,
            @PathVariable UUID id,
            @Parameter(description = "an instant (2026-03-01T12:00:00Z) or a date (2026-03-01, its start in UTC)")
                    @RequestParam(required = false)
                    String asOf) {
        if (asOf != null && !asOf.isBlank()) {
            GoldenRecordView then = golden.getAsOf(type, id, Instants.parse(asOf, "asOf"));
            if ("MERGED".equals(then.status()) && then.mergedInto() != null) {
                return moved(type, id, then.mergedInto(), "?asOf=" + asOf.strip());
            }
            return ResponseEntity.ok(then);
        }
        Optional<UUID> survivor = golden.survivorOf(type, id);
        if (survivor.isPresent()) {
            return moved(type, id, survivor.get(), "");
        }
        return ResponseEntity.ok(golden.get(type, id));
    }

    private static ResponseEntity<Map<String, Object>> moved(String type, UUID id, UUID survivor, String query) {
        URI location = UriComponentsBuilder.fromPath("/api/v1/golden/{type}/{id}")
                .query(query.isEmpty() ? null : query.substring(1))
                .buildAndExpand(type, survivor)
                .encode()
                .toUri();
        return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                .location(location)
                .body(Map.of(
                        "id",
                        id,
                        "mergedInto",
                        survivor,
                        "detail",
                        "Golden record " + id + " was merged into " + survivor + "; use that id from now on."));
    }

    @GetMapping("/api/v1/golden/{type}/{id}/history")
    @Operation(
            summary = "Every version of a golden record, newest first",
            description = "Each version says who changed it (changedBy), what (changeType: CREATED, UPDATED, MERGED,"
                    + " SPLIT, DELETED, OVERRIDDEN, OVERRIDE_REMOVED; details), why (reason), the values and lineage"
                    + " then, and a diff to the version before. A merged-away id has its own history up to the merge.")
    List<GoldenVersionView> history(@PathVariable String type, @PathVariable UUID id) {
        return golden.history(type, id);
    }

    @PostMapping("/api/v1/golden/{type}/{id}/merge")
    @Operation(
            summary = "Merge another golden record with this one (STEWARD)",
            description = "Body {\"with\": \"<other golden id>\", \"reason\"}. The older id survives and keeps"
                    + " both records' source records; the other id answers 308 to it from now on. A split of one of"
                    + " the absorbed source records gives the absorbed record back exactly. Answers the survivor.")
    GoldenRecordView merge(
            @PathVariable String type, @PathVariable UUID id, @RequestBody MergeRequest request, Principal principal) {
        if (request.with() == null) {
            throw new InvalidInputException(
                    "Name the golden record to merge with: {\"with\": \"<golden id>\", \"reason\": \"…\"}.",
                    List.of(new InvalidInputException.FieldError("with", "is required")));
        }
        MergeOutcome outcome = golden.merge(type, id, request.with(), principal.getName(), request.reason());
        return golden.get(type, outcome.survivorId());
    }

    @PostMapping("/api/v1/golden/{type}/{id}/split")
    @Operation(
            summary = "Split a source record out of this golden record (STEWARD)",
            description = "Body {\"source\", \"sourceKey\", \"reason\"}. When a merge brought the record in, the"
                    + " golden record it came from comes back (same id, values and lineage) with every record that came"
                    + " with it; otherwise it gets a new golden id. DIFFERENT is asserted between the records that"
                    + " moved and those that stayed, so the matcher does not merge them again.")
    SplitResponse split(
            @PathVariable String type, @PathVariable UUID id, @RequestBody SplitRequest request, Principal principal) {
        SplitOutcome outcome =
                golden.split(type, id, request.source(), request.sourceKey(), principal.getName(), request.reason());
        return new SplitResponse(
                outcome.restored(),
                outcome.moved(),
                golden.get(type, outcome.fromId()),
                golden.get(type, outcome.toId()));
    }

    @PutMapping("/api/v1/golden/{type}/{id}/values/{attribute}")
    @Operation(
            summary = "Set a steward override of one value (STEWARD)",
            description = "Body {\"value\", \"reason\"}. The value wins over survivorship, in every later"
                    + " recomputation, until it is removed with DELETE. Lineage names the steward and the reason.")
    GoldenRecordView override(
            @PathVariable String type,
            @PathVariable UUID id,
            @PathVariable String attribute,
            @RequestBody OverrideRequest request,
            Principal principal) {
        return golden.override(type, id, attribute, request.value(), principal.getName(), request.reason());
    }

    @DeleteMapping("/api/v1/golden/{type}/{id}/values/{attribute}")
    @Operation(
            summary = "Remove a steward override (STEWARD)",
            description = "Survivorship chooses the value again. An optional body {\"reason\"} goes into the history.")
    GoldenRecordView removeOverride(
            @PathVariable String type,
            @PathVariable UUID id,
            @PathVariable String attribute,
            @RequestBody(required = false) OverrideRequest request,
            Principal principal) {
        return golden.removeOverride(
                type, id, attribute, principal.getName(), request == null ? null : request.reason());
    }

    @GetMapping("/api/v1/changes")
    @Operation(
            summary = "The change feed: golden record changes after a sequence number (ADMIN)",
            description = "Events CREATED, UPDATED, MERGED, SPLIT, DELETED in sequence order; the sequence grows in"
                    + " commit order, so polling with after=<last sequence seen> never misses an event. limit from 1 to"
                    + " 1000, default 100.")
    List<ChangeEventView> changes(
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        return golden.changes(after, limit);
    }

    /** A merge: the other golden record and why. */
    record MergeRequest(UUID with, String reason) {}

    /** A split: the source record to take out and why. */
    record SplitRequest(String source, String sourceKey, String reason) {}

    /** A steward override: the value and why. */
    record OverrideRequest(String value, String reason) {}

    /** Both golden records after a split. */
    record SplitResponse(boolean restored, List<String> moved, GoldenRecordView from, GoldenRecordView to) {}

    @GetMapping("/api/v1/crosswalk/{type}")
    @Operation(
            summary = "The crosswalk of every live source record",
            description = "CSV source,source_key,golden_id; NDJSON with Accept: application/x-ndjson.")
    void crosswalk(
            @PathVariable String type,
            @RequestParam(required = false) String source,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        boolean ndjson = accept != null && accept.contains(NDJSON);
        golden.checkCrosswalk(type, source);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(ndjson ? NDJSON : "text/csv");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        if (ndjson) {
            golden.writeCrosswalkNdjson(type, source, out);
        } else {
            golden.writeCrosswalkCsv(type, source, out);
        }
        out.flush();
    }
}
