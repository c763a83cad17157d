package org.amalgam.ingest.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.RejectionView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Import jobs and their rejections, kept with plain SQL: progress is written often and must stay cheap. */
@Repository
public class ImportJobStore {

    private static final String SELECT =
            """
            select j.*, s.code as source_code, t.code as type_code
              from import_job j
              join source_system s on s.id = j.source_id
              join entity_type t on t.id = j.entity_type_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportJobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void create(
            UUID id,
            long sourceId,
            long entityTypeId,
            String fileName,
            String spoolPath,
            String mappingJson,
            long totalBytes,
            boolean snapshot,
            String createdBy) {
        jdbc.sql(
                        """
                insert into import_job (id, source_id, entity_type_id, status, file_name, spool_path, mapping,
                                        total_bytes, snapshot, created_by)
                values (:id, :source, :type, 'QUEUED', :fileName, :spool, cast(:mapping as jsonb), :total, :snapshot,
                        :by)
                """)
                .param("id", id)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("fileName", fileName)
                .param("spool", spoolPath)
                .param("mapping", mappingJson)
                .param("total", totalBytes)
                .param("snapshot", snapshot)
                .param("by", createdBy)
                .update();
    }

    /** Moves a queued job to RUNNING; answers false when another worker already took it. */
    public boolean start(UUID id) {
        return jdbc.sql(
                                """
                update import_job set status = 'RUNNING', started_at = now(), updated_at = now()
                 where id = :id and status = 'QUEUED'
                """)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Stores the job's progress; answers whether someone asked to cancel it. */
    /**
     * Shows that jobs of this instance are alive (claimed or running), even between progress reports, so that no
     * other instance takes them over as abandoned.
     */
    public void heartbeat(java.util.Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        jdbc.sql("update import_job set updated_at = now() where id in (:ids) and status in ('QUEUED', 'RUNNING')")
                .param("ids", List.copyOf(jobIds))
                .update();
    }

    public boolean progress(UUID id, long processedBytes, ImportCounts counts) {
        return jdbc.sql(
                        """
                update import_job
                   set processed_bytes = :bytes, read_count = :read, created_count = :created,
                       updated_count = :updated, unchanged_count = :unchanged, rejected_count = :rejected,
                       flagged_count = :flagged, deleted_count = :deleted, updated_at = now()
                 where id = :id
             returning cancel_requested
                """)
                .param("id", id)
                .param("bytes", processedBytes)
                .param("read", counts.read())
                .param("created", counts.created())
                .param("updated", counts.updated())
                .param("unchanged", counts.unchanged())
                .param("rejected", counts.rejected())
                .param("flagged", counts.flagged())
                .param("deleted", counts.deleted())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public void finish(UUID id, ImportStatus status, String error) {
        jdbc.sql(
                        """
                update import_job set status = :status, error = :error, finished_at = now(), updated_at = now(),
                       spool_path = null
                 where id = :id
                """)
                .param("id", id)
                .param("status", status.name())
                .param("error", error)
                .update();
    }

    public void reject(UUID id, long row, String raw, List<String> reasons) {
        jdbc.sql(
                        """
                insert into import_rejection (import_job_id, row_number, raw, reasons)
                values (:id, :row, :raw, cast(:reasons as jsonb))
                on conflict do nothing
                """)
                .param("id", id)
                .param("row", row)
                .param("raw", raw)
                .param("reasons", json.writeValueAsString(reasons))
                .update();
    }

    public Optional<ImportJobView> find(UUID id) {
        return jdbc.sql(SELECT + " where j.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * Asks a job to stop: a queued job is cancelled at once, a running one after its current batch. Answers false
     * when the job has already finished.
     */
    public boolean requestCancel(UUID id) {
        int queued = jdbc.sql(
                        """
                        update import_job set status = 'CANCELLED', cancel_requested = true, finished_at = now(),
                               updated_at = now(), error = 'Cancelled before it started.'
                         where id = :id and status = 'QUEUED'
                        """)
                .param("id", id)
                .update();
        if (queued == 1) {
            return true;
        }
        return jdbc.sql(
                                """
                                update import_job set cancel_requested = true, updated_at = now()
                                 where id = :id and status = 'RUNNING'
                                """)
                        .param("id", id)
                        .update()
                == 1;
    }

    public Optional<String> spoolPath(UUID id) {
        return jdbc.sql("select spool_path from import_job where id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    public Optional<String> mapping(UUID id) {
        return jdbc.sql("select mapping::text from import_job where id = :id")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .single();
    }

    public List<ImportJobView> listForSource(long sourceId, int limit) {
        return jdbc.sql(SELECT + " where j.source_id = :source order by j.created_at desc limit :limit")
                .param("source", sourceId)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    public List<ImportJobView> recent(int limit) {
        return jdbc.sql(SELECT + " order by j.created_at desc limit :limit")
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * Jobs QUEUED or RUNNING that nobody has worked on for {@code staleSeconds}: their instance stopped (or released
     * them on a graceful stop). Each comes with its spooled file's path.
     */
    public List<Abandoned> abandoned(long staleSeconds) {
        return jdbc.sql(
                        """
                select id, spool_path, updated_at < now() - interval '1 day' as long_gone from import_job
                 where status in ('QUEUED', 'RUNNING') and updated_at < now() - make_interval(secs => :stale)
                 order by created_at
                """)
                .param("stale", (double) staleSeconds)
                .query((rs, n) -> new Abandoned(
                        rs.getObject("id", UUID.class), rs.getString("spool_path"), rs.getBoolean("long_gone")))
                .list();
    }

    /** An unfinished job that nobody works on. */
    public record Abandoned(UUID id, String spoolPath, boolean longGone) {}

    /**
     * Takes over an abandoned job so it runs again from the start of its file (imports are idempotent); answers false
     * when another instance took it first.
     */
    public boolean reclaim(UUID id, long staleSeconds) {
        int claimed = jdbc.sql(
                        """
                update import_job set status = 'QUEUED', processed_bytes = 0, read_count = 0, created_count = 0,
                       updated_count = 0, unchanged_count = 0, rejected_count = 0, flagged_count = 0, deleted_count = 0,
                       updated_at = now()
                 where id = :id and status in ('QUEUED', 'RUNNING')
                   and updated_at < now() - make_interval(secs => :stale)
                """)
                .param("id", id)
                .param("stale", (double) staleSeconds)
                .update();
        if (claimed == 1) {
            jdbc.sql("delete from import_rejection where import_job_id = :id")
                    .param("id", id)
                    .update();
        }
        return claimed == 1;
    }

    /** Hands a job back on a graceful stop, so that the next instance to look resumes it at once. */
    public void release(UUID id) {
        jdbc.sql(
                        """
                update import_job set status = 'QUEUED', updated_at = now() - interval '1 hour'
                 where id = :id and status = 'RUNNING'
                """)
                .param("id", id)
                .update();
    }

    public List<RejectionView> rejections(UUID id, int offset, int limit) {
        return jdbc.sql(
                        """
                select row_number, raw, reasons::text as reasons from import_rejection
                 where import_job_id = :id order by row_number offset :offset limit :limit
                """)
                .param("id", id)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new RejectionView(
                        rs.getLong("row_number"),
                        rs.getString("raw"),
                        json.readValue(rs.getString("reasons"), new TypeReference<List<String>>() {})))
                .list();
    }

    private ImportJobView map(ResultSet rs, int rowNum) throws SQLException {
        return new ImportJobView(
                rs.getObject("id", UUID.class),
                rs.getString("source_code"),
                rs.getString("type_code"),
                rs.getString("file_name"),
                ImportStatus.valueOf(rs.getString("status")),
                new ImportCounts(
                        rs.getLong("read_count"),
                        rs.getLong("created_count"),
                        rs.getLong("updated_count"),
                        rs.getLong("unchanged_count"),
                        rs.getLong("rejected_count"),
                        rs.getLong("flagged_count"),
                        rs.getLong("deleted_count")),
                rs.getLong("total_bytes"),
                rs.getLong("processed_bytes"),
                rs.getString("error"),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getBoolean("snapshot"),
                rs.getBoolean("cancel_requested"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
