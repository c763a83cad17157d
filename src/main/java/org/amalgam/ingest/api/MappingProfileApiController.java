package org.amalgam.ingest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.amalgam.ingest.MappingProfileView;
import org.amalgam.ingest.MappingProfiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Mappings",
        description = "Saved mappings: one per source system and entity type, used by every import of them that comes"
                + " without a mapping")
class MappingProfileApiController {

    static final String EXAMPLE =
            """
            {"key": "rec_id",
             "attributes": {
               "first_name": "given_name",
               "email": "mail",
               "city": null,
               "birth_date": {"column": "dob", "format": "yyyyMMdd"},
               "street": {"template": "{street_number} {address_1}"}}}
            """;

    private final MappingProfiles profiles;

    MappingProfileApiController(MappingProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/sources/{source}/mappings")
    @Operation(summary = "Every saved mapping of a source system, with who saved it and when")
    List<MappingProfileView> list(@PathVariable String source) {
        return profiles.forSource(source);
    }

    @GetMapping("/api/v1/sources/{source}/mappings/{type}")
    @Operation(
            summary = "The saved mapping of a source system and entity type",
            description = "The mapping as PUT takes it (API.md, \"Import mapping\"), in Amalgam's own spelling:"
                    + " {\"key\": …, \"attributes\": {…}}. 404 when none is saved.")
    ResponseEntity<Map<String, Object>> get(@PathVariable String source, @PathVariable String type) {
        MappingProfileView profile = profiles.get(source, type);
        return ResponseEntity.ok().lastModified(profile.updatedAt()).body(profile.mapping());
    }

    @PutMapping(value = "/api/v1/sources/{source}/mappings/{type}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Save the mapping of a source system and entity type",
            description = "The body is a mapping (API.md, \"Import mapping\"): {\"key\": \"column\", \"attributes\":"
                    + " {\"attribute\": \"column\" | {\"column\", \"format\"} | {\"template\"} | null}}. It is"
                    + " checked against the entity type's model (400 naming the field); its columns are checked when"
                    + " a file arrives. Imports of this source and type that come without a mapping use it. Answers"
                    + " 201 when it is new, 200 when it replaced one, with the mapping as saved.")
    ResponseEntity<Map<String, Object>> put(
            @PathVariable String source,
            @PathVariable String type,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description = "the mapping",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object"),
                                            examples = @ExampleObject(value = EXAMPLE)))
                    @RequestBody(required = false)
                    String mapping,
            Principal principal) {
        MappingProfiles.SaveResult result = profiles.save(source, type, mapping, principal.getName());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .lastModified(result.profile().updatedAt())
                .body(result.profile().mapping());
    }

    @DeleteMapping("/api/v1/sources/{source}/mappings/{type}")
    @Operation(
            summary = "Delete the saved mapping of a source system and entity type",
            description = "Later imports without a mapping map columns by their names again. 404 when none is saved.")
    ResponseEntity<Void> delete(@PathVariable String source, @PathVariable String type) {
        profiles.delete(source, type);
        return ResponseEntity.noContent().build();
    }
}
