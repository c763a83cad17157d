package org.amalgam.ingest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.api.ImportApiController.ImportJobResponse;
import org.amalgam.ingest.jdbc.JdbcPullDefinition;
import org.amalgam.ingest.jdbc.JdbcPullView;
import org.amalgam.ingest.jdbc.JdbcPulls;
import org.amalgam.ingest.jdbc.PullAlreadyRunningException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
@RequestMapping("/api/v1/sources/{source}/pulls")
@Tag(
        name = "JDBC pulls",
        description = "A source system's department database, read on a schedule: each run pulls only the rows whose"
                + " watermark column is greater than the largest value the last completed run saw. ADMIN only.")
class PullApiController {

    private final JdbcPulls pulls;
    private final JsonMapper json;

    PullApiController(JdbcPulls pulls, JsonMapper json) {
        this.pulls = pulls;
        this.json = json;
    }

    @PutMapping("/{name}")
    @Operation(
            summary = "Create or update a pull",
            description = "The password is write-only: it is never answered; leave it out to keep the stored one, send"
                    + " \"\" to remove it. The query receives the watermark as a bound parameter: either it names"
                    + " :watermark itself (NULL on the first run, e.g. 'where :watermark is null or updated_at >"
                    + " :watermark'), or Amalgam wraps it as 'select * from (<query>) amalgam_pull where"
                    + " amalgam_pull.<watermarkColumn> > ?'. schedule is an ISO-8601 interval (PT5M) or a cron"
                    + " expression ('0 */15 * * * *' or '*/15 * * * *'). Answers 201 when created, 200 when updated.")
    ResponseEntity<PullResponse> save(
            @PathVariable String source, @PathVariable String name, @RequestBody PullRequest request) {
        JdbcPulls.SaveResult result = pulls.save(source, name, request.toDefinition());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(response(result.pull()));
    }

    @GetMapping
    @Operation(summary = "The source system's pulls, with their watermark, next run and latest run")
    List<PullResponse> list(@PathVariable String source) {
        return pulls.list(source).stream().map(this::response).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One pull, with its watermark, next run and latest run")
    PullResponse get(@PathVariable String source, @PathVariable String name) {
        return response(pulls.get(source, name));
    }

    @PostMapping("/{name}/run")
    @Operation(
            summary = "Run a pull now",
            description = "Also when it is disabled. Answers 202 with the run's import job and its Location; poll it"
                    + " until COMPLETED or FAILED. 409 while a run of the pull is still going on.")
    @ApiResponse(responseCode = "202", description = "the run's import job")
    @ApiResponse(responseCode = "409", description = "a run of this pull is going on")
    ResponseEntity<ImportJobResponse> run(@PathVariable String source, @PathVariable String name, Principal principal) {
        ImportJobView job = pulls.runNow(source, name, principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/imports/" + job.id()))
                .body(ImportJobResponse.of(job));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a pull; the records it stored and its import jobs stay")
    ResponseEntity<Void> delete(@PathVariable String source, @PathVariable String name) {
        pulls.delete(source, name);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> running(PullAlreadyRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Already running");
        problem.setProperty("importJob", e.jobId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private PullResponse response(JdbcPullView pull) {
        return new PullResponse(
                pull.source(),
                pull.name(),
                pull.type(),
                pull.jdbcUrl(),
                pull.username(),
                pull.passwordSet(),
                pull.query(),
                pull.keyColumn(),
                pull.watermarkColumn(),
                pull.schedule(),
                pull.mapping() == null ? null : json.readTree(pull.mapping()),
                pull.enabled(),
                pull.watermark() == null ? null : pull.watermark().value(),
                pull.watermark() == null ? null : pull.watermark().kind().name(),
                pull.nextRunAt(),
                pull.running(),
                pull.lastRun() == null ? null : ImportJobResponse.of(pull.lastRun()),
                pull.createdAt(),
                pull.updatedAt());
    }

    /** The body of {@code PUT /api/v1/sources/{source}/pulls/{name}}. */
    record PullRequest(
            @Schema(description = "entity type of the rows", example = "person") String type,
            @Schema(example = "jdbc:mariadb://db.example.org:3306/crm") String jdbcUrl,
            @Schema(example = "amalgam_reader") String username,
            @Schema(description = "write-only; omit to keep the stored one, \"\" to remove it") String password,
            @Schema(example = "select id, first_name, last_name, email, updated_at from customer") String query,
            @Schema(example = "id") String keyColumn,
            @Schema(example = "updated_at") String watermarkColumn,
            @Schema(example = "PT5M") String schedule,
            @Schema(description = "optional mapping as for file imports (the key column is the pull's)")
                    JsonNode mapping,
            @Schema(description = "whether the schedule runs it; default true") Boolean enabled,
            @Schema(description = "forget the watermark, so the next run reads every row again")
                    Boolean resetWatermark) {

        JdbcPullDefinition toDefinition() {
            String mappingText = mapping == null || mapping.isNull()
                    ? null
                    : mapping.isString() ? mapping.asString() : mapping.toString();
            return new JdbcPullDefinition(
                    type,
                    jdbcUrl,
                    username,
                    password,
                    query,
                    keyColumn,
                    watermarkColumn,
                    schedule,
                    mappingText,
                    enabled,
                    Boolean.TRUE.equals(resetWatermark));
        }
    }

    /** A pull as the API answers it; never with its password. */
    record PullResponse(
            String source,
            String name,
            String type,
            String jdbcUrl,
            String username,
            boolean passwordSet,
            String query,
            String keyColumn,
            String watermarkColumn,
            String schedule,
            JsonNode mapping,
            boolean enabled,
            @Schema(description = "largest watermark of the last completed run; null before the first")
                    String watermark,
            @Schema(description = "TIMESTAMP, TIMESTAMP_TZ, DATE, NUMBER or TEXT") String watermarkKind,
            Instant nextRunAt,
            boolean running,
            @Schema(description = "the import job of the latest run") ImportJobResponse lastRun,
            Instant createdAt,
            Instant updatedAt) {}
}
