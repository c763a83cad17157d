package org.amalgam.sources.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.amalgam.sources.SourceSystemDefinition;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sources")
@Tag(name = "Sources", description = "Source systems: the department systems connected to the hub")
class SourceApiController {

    private final SourceSystems sources;

    SourceApiController(SourceSystems sources) {
        this.sources = sources;
    }

    @PutMapping("/{source}")
    @Operation(
            summary = "Create or update a source system",
            description = "Lower priority number = more trusted. deduplicated: true says each of its keys is a"
                    + " distinct entity. phoneRegion (ISO 3166-1 alpha-2, e.g. DE): phone numbers without a country"
                    + " code are read in it when the record has no country; \"\" for none, left unchanged when an"
                    + " update omits it. Answers 201 when created, 200 when updated. ADMIN only.")
    ResponseEntity<SourceSystemView> save(@PathVariable String source, @RequestBody SourceRequest request) {
        SourceSystems.SaveResult result = sources.save(
                source,
                new SourceSystemDefinition(
                        request.name(),
                        request.department(),
                        request.priority(),
                        request.deduplicated(),
                        request.phoneRegion()));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result.source());
    }

    @GetMapping
    @Operation(summary = "List the source systems, most trusted first")
    List<SourceSystemView> list() {
        return sources.list();
    }

    @GetMapping("/{source}")
    @Operation(summary = "One source system")
    SourceSystemView get(@PathVariable String source) {
        return sources.get(source);
    }

    /** The body of {@code PUT /api/v1/sources/{source}}. */
    record SourceRequest(String name, String department, Integer priority, Boolean deduplicated, String phoneRegion) {}
}
