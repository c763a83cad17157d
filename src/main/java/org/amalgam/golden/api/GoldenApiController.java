package org.amalgam.golden.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.amalgam.golden.GoldenPage;
import org.amalgam.golden.GoldenRecordView;
import org.amalgam.golden.GoldenRecords;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Golden records", description = "Search and read golden records and the crosswalk")
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
    @Operation(summary = "One golden record: values, the lineage of each value, crosswalk")
    GoldenRecordView get(@PathVariable String type, @PathVariable UUID id) {
        return golden.get(type, id);
    }

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
