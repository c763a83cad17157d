package org.amalgam.match.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.amalgam.match.BlockingKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The blocking keys of a type's records, for diagnosing matches that were never compared. */
@RestController
@Tag(name = "Matching")
class BlockingKeysApiController {

    private final BlockingKeys keys;

    BlockingKeysApiController(BlockingKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/api/v1/match/{type}/blocking-keys")
    @Operation(
            summary = "The blocking keys of every live source record of a type (ADMIN)",
            description = "CSV source,source_key,key,block_size: one line per key of a record. Two records are"
                    + " compared only when they share a key; a key whose block is larger than its cap in the model's"
                    + " match settings is split or left out when a single record is matched.")
    void blockingKeys(@PathVariable String type, HttpServletResponse response) throws IOException {
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/csv");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        keys.writeCsv(type, out);
        out.flush();
    }
}
