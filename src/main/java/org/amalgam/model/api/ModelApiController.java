package org.amalgam.model.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Model", description = "Entity types and their models, as YAML or JSON (config as code)")
class ModelApiController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final EntityTypes entityTypes;

    ModelApiController(EntityTypes entityTypes) {
        this.entityTypes = entityTypes;
    }

    @GetMapping("/api/v1/model")
    @Operation(summary = "The entity types: code, name, model version")
    List<TypeSummary> list() {
        return entityTypes.list().stream()
                .map(t -> new TypeSummary(
                        t.code(), t.name(), t.version(), t.attributes().size()))
                .toList();
    }

    @GetMapping("/api/v1/model/{type}")
    @Operation(
            summary = "The model of an entity type",
            description = "JSON, or YAML with Accept: application/yaml or ?format=yaml. See docs/model.md.")
    ResponseEntity<String> get(
            @PathVariable String type,
            @Parameter(description = "yaml or json") @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) String accept) {
        boolean yaml = wantsYaml(format, accept);
        return ResponseEntity.ok()
                .contentType(yaml ? YAML : MediaType.APPLICATION_JSON)
                .body(entityTypes.documentText(type, yaml));
    }

    @PutMapping("/api/v1/model/{type}")
    @Operation(
            summary = "Save the model of an entity type (a new version), or create a new type",
            description = "Body: the model as JSON (Content-Type: application/json) or YAML (application/yaml)."
                    + " A 'version' in it must be the current one. Errors name the field and line. ADMIN only.")
    ResponseEntity<String> put(
            @PathVariable String type,
            @RequestBody(required = false) String body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestHeader(value = "Accept", required = false) String accept,
            Principal principal) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException(
                    "Send the model as YAML or JSON; GET it first to start from the current one.");
        }
        boolean yamlIn = contentType == null || !contentType.contains("json");
        EntityTypes.SaveResult result = entityTypes.save(type, body, yamlIn, principal.getName());
        boolean yamlOut =
                accept != null && accept.contains("yaml") || (yamlIn && (accept == null || !accept.contains("json")));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(yamlOut ? YAML : MediaType.APPLICATION_JSON)
                .body(entityTypes.documentText(type, yamlOut));
    }

    @PostMapping("/api/v1/model/{type}/check")
    @Operation(summary = "Check a model document without saving it: every problem with its field and line")
    Map<String, Object> check(
            @PathVariable String type,
            @RequestBody(required = false) String body,
            @RequestHeader(value = "Content-Type", required = false) String contentType) {
        var errors = entityTypes.check(type, body, contentType == null || !contentType.contains("json"));
        return Map.of("valid", errors.isEmpty(), "errors", errors);
    }

    private static boolean wantsYaml(String format, String accept) {
        if (format != null) {
            return format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml");
        }
        return accept != null && accept.contains("yaml");
    }

    /** An entity type in the list. */
    record TypeSummary(String type, String name, int version, int attributes) {}
}
