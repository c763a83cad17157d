package org.amalgam.ingest.folder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Watched folders and the files taken from them, with plain SQL: a file's state moves by conditional updates. */
@Repository
class FolderDropStore {

    private static final String SELECT =
            """
            select f.*, s.code as source_code, t.code as type_code
              from folder_drop f
              join source_system s on s.id = f.source_id
              join entity_type t on t.id = f.entity_type_id
            """;

    private static final String SELECT_FILE =
            """
            select d.*, f.path as folder_path, f.name as folder_name
              from folder_drop_file d
              join folder_drop f on f.id = d.folder_id
            """;

    private final JdbcClient jdbc;

    FolderDropStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record FolderDrop(
            long id,
            long sourceId,
            String source,
            String name,
            long entityTypeId,
            String type,
            String path,
            String mapping,
            boolean enabled,
            Instant lastScanAt,
            String lastError,
            Instant createdAt,
            Instant updatedAt) {}

    record DroppedFile(
            long id,
            long folderId,
            String folderPath,
            String folderName,
            String fileName,
            String storedName,
            long sizeBytes,
            UUID importJobId,
            String status,
            String error,
            Instant createdAt,
            Instant finishedAt) {}

    Optional<FolderDrop> find(long sourceId, String name) {
        return jdbc.sql(SELECT + " where f.source_id = :source and f.name = :name")
                .param("source", sourceId)
                .param("name", name)
                .query(FolderDropStore::map)
                .optional();
    }

    Optional<FolderDrop> findById(long id) {
        return jdbc.sql(SELECT + " where f.id = :id")
                .param("id", id)
                .query(FolderDropStore::map)
                .optional();
    }

    List<FolderDrop> list(long sourceId) {
        return jdbc.sql(SELECT + " where f.source_id = :source order by f.name")
                .param("source", sourceId)
                .query(FolderDropStore::map)
                .list();
    }

    List<FolderDrop> all() {
        return jdbc.sql(SELECT + " order by f.id").query(FolderDropStore::map).list();
    }

    List<FolderDrop> enabled() {
        return jdbc.sql(SELECT + " where f.enabled order by f.id")
                .query(FolderDropStore::map)
                .list();
    }

    void insert(long sourceId, String name, long entityTypeId, String path, String mapping, boolean enabled) {
        jdbc.sql(
                        """
                insert into folder_drop (source_id, name, entity_type_id, path, mapping, enabled)
                values (:source, :name, :type, :path, cast(:mapping as jsonb), :enabled)
                """)
                .param("source", sourceId)
                .param("name", name)
                .param("type", entityTypeId)
                .param("path", path)
                .param("mapping", mapping)
                .param("enabled", enabled)
                .update();
    }

    void update(long id, long entityTypeId, String path, String mapping, boolean enabled) {
        jdbc.sql(
                        """
                update folder_drop
                   set entity_type_id = :type, path = :path, mapping = cast(:mapping as jsonb), enabled = :enabled,
                       last_error = null, updated_at = now()
                 where id = :id
                """)
                .param("id", id)
                .param("type", entityTypeId)
                .param("path", path)
                .param("mapping", mapping)
                .param("enabled", enabled)
                .update();
    }

    boolean delete(long sourceId, String name) {
        return jdbc.sql("delete from folder_drop where source_id = :source and name = :name")
                        .param("source", sourceId)
                        .param("name", name)
                        .update()
                == 1;
    }

    void scanned(long id, String error) {
        jdbc.sql("update folder_drop set last_scan_at = now(), last_error = :error where id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    /** Records a file just taken into processing/; answers its id, or empty when another instance recorded it. */
    Optional<Long> insertFile(long folderId, String fileName, String storedName, long size) {
        return jdbc.sql(
                        """
                insert into folder_drop_file (folder_id, file_name, stored_name, size_bytes, status)
                values (:folder, :fileName, :stored, :size, 'PROCESSING')
                on conflict (folder_id, stored_name) do nothing
                returning id
                """)
                .param("folder", folderId)
                .param("fileName", fileName)
                .param("stored", storedName)
                .param("size", size)
                .query(Long.class)
                .optional();
    }

    void attachJob(long fileId, UUID jobId) {
        jdbc.sql("update folder_drop_file set import_job_id = :job where id = :id")
                .param("id", fileId)
                .param("job", jobId)
                .update();
    }

    /** Ends a file's processing; answers false when it had already ended (another instance settled it). */
    boolean finishFile(long fileId, String status, String error) {
        return jdbc.sql(
                                """
                update folder_drop_file set status = :status, error = :error, finished_at = now()
                 where id = :id and status = 'PROCESSING'
                """)
                        .param("id", fileId)
                        .param("status", status)
                        .param("error", error)
                        .update()
                == 1;
    }

    /**
     * Takes over a file whose instance stopped between taking it and starting its import: answers true for the one
     * instance that gets it.
     */
    boolean reclaimWithoutJob(long fileId, long staleSeconds) {
        return jdbc.sql(
                                """
                update folder_drop_file set created_at = now()
                 where id = :id and status = 'PROCESSING' and import_job_id is null
                   and created_at < now() - make_interval(secs => :stale)
                """)
                        .param("id", fileId)
                        .param("stale", (double) staleSeconds)
                        .update()
                == 1;
    }

    Optional<DroppedFile> fileByJob(UUID jobId) {
        return jdbc.sql(SELECT_FILE + " where d.import_job_id = :job")
                .param("job", jobId)
                .query(FolderDropStore::mapFile)
                .optional();
    }

    Optional<DroppedFile> file(long id) {
        return jdbc.sql(SELECT_FILE + " where d.id = :id")
                .param("id", id)
                .query(FolderDropStore::mapFile)
                .optional();
    }

    List<DroppedFile> processing(long folderId) {
        return jdbc.sql(SELECT_FILE + " where d.folder_id = :folder and d.status = 'PROCESSING' order by d.id")
                .param("folder", folderId)
                .query(FolderDropStore::mapFile)
                .list();
    }

    boolean knows(long folderId, String storedName) {
        return jdbc.sql("select count(*) from folder_drop_file where folder_id = :folder and stored_name = :stored")
                        .param("folder", folderId)
                        .param("stored", storedName)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<DroppedFile> recent(long folderId, int limit) {
        return jdbc.sql(SELECT_FILE + " where d.folder_id = :folder order by d.created_at desc, d.id desc limit :limit")
                .param("folder", folderId)
                .param("limit", limit)
                .query(FolderDropStore::mapFile)
                .list();
    }

    private static FolderDrop map(ResultSet rs, int rowNum) throws SQLException {
        return new FolderDrop(
                rs.getLong("id"),
                rs.getLong("source_id"),
                rs.getString("source_code"),
                rs.getString("name"),
                rs.getLong("entity_type_id"),
                rs.getString("type_code"),
                rs.getString("path"),
                rs.getString("mapping"),
                rs.getBoolean("enabled"),
                instant(rs.getTimestamp("last_scan_at")),
                rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static DroppedFile mapFile(ResultSet rs, int rowNum) throws SQLException {
        return new DroppedFile(
                rs.getLong("id"),
                rs.getLong("folder_id"),
                rs.getString("folder_path"),
                rs.getString("folder_name"),
                rs.getString("file_name"),
                rs.getString("stored_name"),
                rs.getLong("size_bytes"),
                rs.getObject("import_job_id", UUID.class),
                rs.getString("status"),
                rs.getString("error"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
