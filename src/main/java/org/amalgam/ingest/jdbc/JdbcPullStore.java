package org.amalgam.ingest.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pull definitions and their run state, with plain SQL: runs are claimed with {@code for update skip locked} and the
 * watermark moves with a conditional update, which JPA would only hide.
 */
@Repository
class JdbcPullStore {

    private static final String SELECT =
            """
            select p.*, s.code as source_code, t.code as type_code
              from jdbc_pull p
              join source_system s on s.id = p.source_id
              join entity_type t on t.id = p.entity_type_id
            """;

    private final JdbcClient jdbc;

    JdbcPullStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored pull; the password in its stored (sealed) form. */
    record JdbcPull(
            long id,
            long sourceId,
            String source,
            String name,
            long entityTypeId,
            String type,
            String jdbcUrl,
            String username,
            String sealedPassword,
            String query,
            String keyColumn,
            String watermarkColumn,
            String schedule,
            String mapping,
            boolean enabled,
            Watermark watermark,
            Instant nextRunAt,
            UUID runningJobId,
            UUID lastJobId,
            Instant createdAt,
            Instant updatedAt) {}

    /** The values a save writes. */
    record Values(
            long entityTypeId,
            String jdbcUrl,
            String username,
            String sealedPassword,
            String query,
            String keyColumn,
            String watermarkColumn,
            String schedule,
            String mapping,
            boolean enabled,
            Instant nextRunAt) {}

    Optional<JdbcPull> find(long sourceId, String name) {
        return jdbc.sql(SELECT + " where p.source_id = :source and p.name = :name")
                .param("source", sourceId)
                .param("name", name)
                .query(JdbcPullStore::map)
                .optional();
    }

    Optional<JdbcPull> findById(long id) {
        return jdbc.sql(SELECT + " where p.id = :id")
                .param("id", id)
                .query(JdbcPullStore::map)
                .optional();
    }

    /** Locks the pull's row until the transaction ends, so that two hands cannot start it at once. */
    Optional<JdbcPull> lock(long sourceId, String name) {
        return jdbc.sql(SELECT + " where p.source_id = :source and p.name = :name for update of p")
                .param("source", sourceId)
                .param("name", name)
                .query(JdbcPullStore::map)
                .optional();
    }

    List<JdbcPull> list(long sourceId) {
        return jdbc.sql(SELECT + " where p.source_id = :source order by p.name")
                .param("source", sourceId)
                .query(JdbcPullStore::map)
                .list();
    }

    void insert(long sourceId, String name, Values values) {
        jdbc.sql(
                        """
                insert into jdbc_pull (source_id, name, entity_type_id, jdbc_url, username, password, query,
                                       key_column, watermark_column, schedule, mapping, enabled, next_run_at)
                values (:source, :name, :type, :url, :username, :password, :query, :key, :watermarkColumn, :schedule,
                        cast(:mapping as jsonb), :enabled, :next)
                """)
                .param("source", sourceId)
                .param("name", name)
                .param("type", values.entityTypeId())
                .param("url", values.jdbcUrl())
                .param("username", values.username())
                .param("password", values.sealedPassword())
                .param("query", values.query())
                .param("key", values.keyColumn())
                .param("watermarkColumn", values.watermarkColumn())
                .param("schedule", values.schedule())
                .param("mapping", values.mapping())
                .param("enabled", values.enabled())
                .param("next", timestamp(values.nextRunAt()))
                .update();
    }

    void update(long id, Values values, boolean resetWatermark) {
        jdbc.sql(
                        """
                update jdbc_pull
                   set entity_type_id = :type, jdbc_url = :url, username = :username, password = :password,
                       query = :query, key_column = :key, watermark_column = :watermarkColumn, schedule = :schedule,
                       mapping = cast(:mapping as jsonb), enabled = :enabled, next_run_at = :next,
                       watermark = case when :reset then null else watermark end,
                       watermark_kind = case when :reset then null else watermark_kind end,
                       updated_at = now()
                 where id = :id
                """)
                .param("id", id)
                .param("type", values.entityTypeId())
                .param("url", values.jdbcUrl())
                .param("username", values.username())
                .param("password", values.sealedPassword())
                .param("query", values.query())
                .param("key", values.keyColumn())
                .param("watermarkColumn", values.watermarkColumn())
                .param("schedule", values.schedule())
                .param("mapping", values.mapping())
                .param("enabled", values.enabled())
                .param("next", timestamp(values.nextRunAt()))
                .param("reset", resetWatermark)
                .update();
    }

    boolean delete(long sourceId, String name) {
        return jdbc.sql("delete from jdbc_pull where source_id = :source and name = :name")
                        .param("source", sourceId)
                        .param("name", name)
                        .update()
                == 1;
    }

    /**
     * Locks up to {@code limit} enabled pulls that are due and not running (or whose run nobody has worked on for
     * {@code staleSeconds}), skipping rows another instance has locked. Call inside a transaction.
     */
    List<JdbcPull> lockDue(int limit, long staleSeconds) {
        return jdbc.sql(
                        SELECT
                                + """
                         left join import_job j on j.id = p.running_job_id
                         where p.enabled and p.next_run_at <= now()
                           and (p.running_job_id is null
                                or j.status in ('COMPLETED', 'FAILED', 'CANCELLED')
                                or j.updated_at < now() - make_interval(secs => :stale))
                         order by p.next_run_at
                         limit :limit
                           for update of p skip locked
                        """)
                .param("limit", limit)
                .param("stale", (double) staleSeconds)
                .query(JdbcPullStore::map)
                .list();
    }

    /**
     * Locks the pulls whose run nobody has worked on for {@code staleSeconds} (their instance stopped), whether or
     * not they are due, skipping rows another instance has locked. Call inside a transaction.
     */
    List<JdbcPull> lockAbandoned(long staleSeconds) {
        return jdbc.sql(
                        SELECT
                                + """
                         join import_job j on j.id = p.running_job_id
                         where j.status in ('QUEUED', 'RUNNING')
                           and j.updated_at < now() - make_interval(secs => :stale)
                           for update of p skip locked
                        """)
                .param("stale", (double) staleSeconds)
                .query(JdbcPullStore::map)
                .list();
    }

    /** Whether the run {@code jobId} still counts as going on: not finished, and worked on recently. */
    boolean live(UUID jobId, long staleSeconds) {
        return jdbc.sql(
                                """
                select count(*) from import_job
                 where id = :id and status in ('QUEUED', 'RUNNING')
                   and updated_at >= now() - make_interval(secs => :stale)
                """)
                        .param("id", jobId)
                        .param("stale", (double) staleSeconds)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Marks a run as started: its job is the running and the latest one; a scheduled run sets the next run. */
    void startRun(long id, UUID jobId, boolean reschedule, Instant nextRunAt) {
        jdbc.sql(
                        """
                update jdbc_pull
                   set running_job_id = :job, last_job_id = :job,
                       next_run_at = case when :reschedule then cast(:next as timestamptz) else next_run_at end
                 where id = :id
                """)
                .param("id", id)
                .param("job", jobId)
                .param("reschedule", reschedule)
                .param("next", timestamp(nextRunAt))
                .update();
    }

    /**
     * Ends a completed run and stores its watermark, unless the pull was deleted, claimed by another run, or given
     * another watermark column (or a reset) while it ran.
     */
    boolean complete(long id, UUID jobId, String watermarkColumn, Watermark previous, Watermark watermark) {
        return jdbc.sql(
                                """
                update jdbc_pull
                   set running_job_id = null,
                       watermark = case when watermark_column = :column
                                         and watermark is not distinct from :previous
                                        then :watermark else watermark end,
                       watermark_kind = case when watermark_column = :column
                                              and watermark is not distinct from :previous
                                             then :kind else watermark_kind end
                 where id = :id and running_job_id = :job
                """)
                        .param("id", id)
                        .param("job", jobId)
                        .param("column", watermarkColumn)
                        .param("previous", previous == null ? null : previous.value())
                        .param("watermark", watermark == null ? null : watermark.value())
                        .param(
                                "kind",
                                watermark == null ? null : watermark.kind().name())
                        .update()
                == 1;
    }

    /** Ends a run that did not complete; the watermark stays. {@code nextRunAt} null keeps the schedule. */
    void release(long id, UUID jobId, Instant nextRunAt) {
        jdbc.sql(
                        """
                update jdbc_pull
                   set running_job_id = null, next_run_at = coalesce(cast(:next as timestamptz), next_run_at)
                 where id = :id and running_job_id = :job
                """)
                .param("id", id)
                .param("job", jobId)
                .param("next", timestamp(nextRunAt))
                .update();
    }

    private static JdbcPull map(ResultSet rs, int rowNum) throws SQLException {
        String watermark = rs.getString("watermark");
        String kind = rs.getString("watermark_kind");
        return new JdbcPull(
                rs.getLong("id"),
                rs.getLong("source_id"),
                rs.getString("source_code"),
                rs.getString("name"),
                rs.getLong("entity_type_id"),
                rs.getString("type_code"),
                rs.getString("jdbc_url"),
                rs.getString("username"),
                rs.getString("password"),
                rs.getString("query"),
                rs.getString("key_column"),
                rs.getString("watermark_column"),
                rs.getString("schedule"),
                rs.getString("mapping"),
                rs.getBoolean("enabled"),
                watermark == null || kind == null ? null : new Watermark(Watermark.Kind.valueOf(kind), watermark),
                instant(rs.getTimestamp("next_run_at")),
                rs.getObject("running_job_id", UUID.class),
                rs.getObject("last_job_id", UUID.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
