package org.amalgam.ingest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.amalgam.ingest.folder.DroppedFileView;
import org.amalgam.ingest.folder.FolderDropDefinition;
import org.amalgam.ingest.folder.FolderDropView;
import org.amalgam.ingest.folder.FolderDrops;
import org.amalgam.ingest.folder.ScanResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/sources/{source}/folders")
@Tag(
        name = "Watched folders",
        description = "Folder drops: a folder on the Amalgam server per source system. Complete files dropped there are"
                + " imported and moved to done/ or failed/ (with <name>.error.txt). ADMIN only.")
class FolderApiController {

    private final FolderDrops folders;
    private final JsonMapper json;

    FolderApiController(FolderDrops folders, JsonMapper json) {
        this.folders = folders;
        this.json = json;
    }

    @PutMapping("/{name}")
    @Operation(
            summary = "Create or update a watched folder",
            description = "path must be an absolute path of an existing folder that Amalgam may write in; Amalgam"
                    + " creates processing/, done/ and failed/ in it. A file is taken once its size has not changed"
                    + " between two scans, or once it is older than amalgam.folder.min-age. Answers 201 when created,"
                    + " 200 when updated.")
    ResponseEntity<FolderResponse> save(
            @PathVariable String source, @PathVariable String name, @RequestBody FolderRequest request) {
        FolderDrops.SaveResult result = folders.save(source, name, request.toDefinition());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(response(result.folder()));
    }

    @GetMapping
    @Operation(summary = "The source system's watched folders, each with the files taken most recently")
    List<FolderResponse> list(@PathVariable String source) {
        return folders.list(source).stream().map(this::response).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One watched folder, with the files taken most recently")
    FolderResponse get(@PathVariable String source, @PathVariable String name) {
        return response(folders.get(source, name));
    }

    @PostMapping("/{name}/scan")
    @Operation(
            summary = "Scan the folder now",
            description = "Takes the complete files and answers them with their import jobs, and the names of the"
                    + " files that may still be written (a later scan takes them).")
    ScanResult scan(@PathVariable String source, @PathVariable String name) {
        return folders.scan(source, name);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Stop watching a folder; the files in it and its subfolders stay where they are")
    ResponseEntity<Void> delete(@PathVariable String source, @PathVariable String name) {
        folders.delete(source, name);
        return ResponseEntity.noContent().build();
    }

    private FolderResponse response(FolderDropView folder) {
        return new FolderResponse(
                folder.source(),
                folder.name(),
                folder.type(),
                folder.path(),
                folder.mapping() == null ? null : json.readTree(folder.mapping()),
                folder.enabled(),
                folder.lastScanAt(),
                folder.lastError(),
                folder.recentFiles(),
                folder.createdAt(),
                folder.updatedAt());
    }

    /** The body of {@code PUT /api/v1/sources/{source}/folders/{name}}. */
    record FolderRequest(
            @Schema(example = "/srv/amalgam/drop/crm") String path,
            @Schema(example = "person") String type,
            @Schema(description = "optional mapping as for file imports") JsonNode mapping,
            @Schema(description = "whether scans take its files; default true") Boolean enabled) {

        FolderDropDefinition toDefinition() {
            String mappingText = mapping == null || mapping.isNull()
                    ? null
                    : mapping.isString() ? mapping.asString() : mapping.toString();
            return new FolderDropDefinition(path, type, mappingText, enabled);
        }
    }

    /** A watched folder as the API answers it. */
    record FolderResponse(
            String source,
            String name,
            String type,
            String path,
            JsonNode mapping,
            boolean enabled,
            Instant lastScanAt,
            @Schema(description = "why the last scan could not read the folder; null when it could") String lastError,
            List<DroppedFileView> recentFiles,
            Instant createdAt,
            Instant updatedAt) {}
}
