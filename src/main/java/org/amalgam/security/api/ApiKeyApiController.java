package org.amalgam.security.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.amalgam.security.ApiKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sources/{source}/api-keys")
@Tag(name = "API keys", description = "Keys that let a source system push, import and read with Authorization: Bearer")
class ApiKeyApiController {

    private final ApiKeys apiKeys;

    ApiKeyApiController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping
    @Operation(
            summary = "A new API key for the source",
            description = "The key is in this answer only; store it in the source system. ADMIN only.")
    ResponseEntity<ApiKeys.CreatedKey> create(
            @PathVariable String source, @RequestBody(required = false) KeyRequest request, Principal principal) {
        String name = request == null ? null : request.name();
        return ResponseEntity.status(HttpStatus.CREATED).body(apiKeys.create(source, name, principal.getName()));
    }

    @GetMapping
    @Operation(summary = "The source's API keys (never the keys themselves)")
    List<ApiKeys.KeyView> list(@PathVariable String source) {
        return apiKeys.list(source);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key: calls with it are refused from now on")
    ResponseEntity<Void> revoke(@PathVariable String source, @PathVariable long id) {
        apiKeys.revoke(source, id);
        return ResponseEntity.noContent().build();
    }

    /** Optional body of a new key: a name that says where it is used. */
    record KeyRequest(String name) {}
}
