package org.amalgam.ingest.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Uploads waiting in the mapping step, each with the header and first rows of its file. */
@Repository
public class StagedUploadStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StagedUploadStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A staged upload as stored. {@code importJobId} is set once it was imported. */
    public record Staged(
            UUID id,
            long sourceId,
            long entityTypeId,
            String fileName,
            String spoolPath,
            long totalBytes,
            boolean snapshot,
            FileSample sample,
            UUID importJobId,
            String createdBy,
            Instant createdAt) {}

    public void create(
            UUID id,
            long sourceId,
            long entityTypeId,
            String fileName,
            String spoolPath,
            long totalBytes,
            boolean snapshot,
            FileSample sample,
            String createdBy) {
        jdbc.sql(
                        """
                insert into staged_upload (id, source_id, entity_type_id, file_name, spool_path, total_bytes, snapshot,
                                           sample, created_by)
                values (:id, :source, :type, :fileName, :spool, :total, :snapshot, cast(:sample as jsonb), :by)
                """)
                .param("id", id)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("fileName", fileName)
                .param("spool", spoolPath)
                .param("total", totalBytes)
                .param("snapshot", snapshot)
                .param("sample", json.writeValueAsString(sample))
                .param("by", createdBy)
                .update();
    }

    public Optional<Staged> find(UUID id) {
        return jdbc.sql("select * from staged_upload where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * Marks the upload as imported by the job about to be created; answers false when another request imported it
     * first, so a double click starts one job.
     */
    public boolean claim(UUID id, UUID jobId) {
        return jdbc.sql("update staged_upload set import_job_id = :job where id = :id and import_job_id is null")
                        .param("id", id)
                        .param("job", jobId)
                        .update()
                == 1;
    }

    /** Undoes a claim whose job could not be created. */
    public void unclaim(UUID id, UUID jobId) {
        jdbc.sql("update staged_upload set import_job_id = null where id = :id and import_job_id = :job")
                .param("id", id)
                .param("job", jobId)
                .update();
    }

    /** Deletes a staged upload that was not imported; answers its spooled file's path, or empty. */
    public Optional<String> deleteUnimported(UUID id) {
        return jdbc.sql("delete from staged_upload where id = :id and import_job_id is null returning spool_path")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Deletes the staged uploads older than {@code ageSeconds}; answers the spooled files of the unimported ones. */
    public List<String> deleteOlderThan(long ageSeconds) {
        return jdbc
                .sql(
                        """
                delete from staged_upload where created_at < now() - make_interval(secs => :age)
             returning case when import_job_id is null then spool_path end
                """)
                .param("age", (double) ageSeconds)
                .query((rs, n) -> rs.getString(1))
                .list()
                .stream()
                .filter(path -> path != null)
                .toList();
    }

    private Staged map(ResultSet rs, int row) throws SQLException {
        return new Staged(
                rs.getObject("id", UUID.class),
                rs.getLong("source_id"),
                rs.getLong("entity_type_id"),
                rs.getString("file_name"),
                rs.getString("spool_path"),
                rs.getLong("total_bytes"),
                rs.getBoolean("snapshot"),
                json.readValue(rs.getString("sample"), FileSample.class),
                rs.getObject("import_job_id", UUID.class),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
