package org.amalgam.ingest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportJobs;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.RejectionView;
import org.amalgam.security.ApiKeyAuthentication;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

@RestController
@Tag(name = "Imports", description = "File imports (CSV, TSV, JSON array, NDJSON, XLSX), processed in the background")
class ImportApiController {

    private final ImportJobs imports;

    ImportApiController(ImportJobs imports) {
        this.imports = imports;
    }

    @PostMapping(value = "/api/v1/sources/{source}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload a file of records",
            description = "Multipart: a 'file' part and an optional 'mapping' part (JSON, as a field or a file)."
                    + " The file is CSV or TSV (.csv .txt .tsv .tab), a JSON array of objects (.json), one JSON object"
                    + " per line (.ndjson .jsonl) or an Excel workbook (.xlsx); another name is told by its content."
                    + " Answers 202 with the job id and its Location; poll it until COMPLETED.")
    ResponseEntity<ImportJobResponse> upload(
            @PathVariable String source,
            @Parameter(description = "the entity type the file holds, e.g. person") @RequestParam(required = false)
                    String type,
            @Parameter(
                            description = "true when the file is the source's full set of records of the type: records"
                                    + " it no longer holds are deleted when the import completes")
                    @RequestParam(defaultValue = "false")
                    boolean snapshot,
            MultipartHttpServletRequest request,
            Principal principal)
            throws IOException {
        MultipartFile file = request.getFile("file");
        if (file == null) {
            throw new InvalidInputException("Send the records as a multipart part named 'file'.");
        }
        String mapping = request.getParameter("mapping");
        MultipartFile mappingFile = request.getFile("mapping");
        if (mapping == null && mappingFile != null) {
            mapping = new String(mappingFile.getBytes(), StandardCharsets.UTF_8);
        }
        ImportJobView job = imports.submit(
                source,
                type,
                file.getOriginalFilename(),
                target -> file.transferTo(target.toFile()),
                mapping,
                snapshot,
                principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(java.net.URI.create("/api/v1/imports/" + job.id()))
                .body(ImportJobResponse.of(job));
    }

    @GetMapping("/api/v1/imports/{id}")
    @Operation(summary = "Status, counts and progress (0.0 to 1.0) of an import job")
    ImportJobResponse get(@PathVariable UUID id, Authentication caller) {
        return ImportJobResponse.of(visible(imports.get(id), caller));
    }

    @PostMapping("/api/v1/imports/{id}/cancel")
    @Operation(
            summary = "Cancel an import",
            description = "A queued import is cancelled at once, a running one after its current batch; rows stored"
                    + " before stay stored, and a snapshot deletes nothing.")
    ImportJobResponse cancel(@PathVariable UUID id, Authentication caller) {
        visible(imports.get(id), caller);
        return ImportJobResponse.of(imports.cancel(id));
    }

    @GetMapping("/api/v1/imports/{id}/rejections")
    @Operation(summary = "Every rejected row with its row number (1 = first data row), raw content and reasons")
    List<RejectionView> rejections(@PathVariable UUID id, Authentication caller) {
        visible(imports.get(id), caller);
        return imports.rejections(id, 0, Integer.MAX_VALUE);
    }

    /** A source system's key sees the imports of its own source only. */
    private static ImportJobView visible(ImportJobView job, Authentication caller) {
        if (caller instanceof ApiKeyAuthentication key
                && !key.getPrincipal().source().equals(job.source())) {
            throw new NotFoundException("There is no import job " + job.id() + ".");
        }
        return job;
    }

    /** An import job as the API answers it. */
    record ImportJobResponse(
            UUID id,
            String source,
            String type,
            String fileName,
            ImportStatus status,
            ImportCounts counts,
            double progress,
            double rowsPerSecond,
            String error,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            boolean snapshot,
            String createdBy) {

        static ImportJobResponse of(ImportJobView job) {
            return new ImportJobResponse(
                    job.id(),
                    job.source(),
                    job.type(),
                    job.fileName(),
                    job.status(),
                    job.counts(),
                    job.progress(),
                    Math.round(job.rowsPerSecond() * 10) / 10.0,
                    job.error(),
                    job.createdAt(),
                    job.startedAt(),
                    job.finishedAt(),
                    job.snapshot(),
                    job.createdBy());
        }
    }
}
