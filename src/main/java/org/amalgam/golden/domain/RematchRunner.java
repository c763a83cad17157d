package org.amalgam.golden.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one re-match job: reads the type's records and golden records, clusters the records under the current model
 * (estimating its weights first when they are only the starting ones and the records can teach better), and writes the
 * plan. Progress and counts go to the job row as it goes; a failure is stored with its message.
 */
@Component
class RematchRunner {

    private static final Logger log = LoggerFactory.getLogger(RematchRunner.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EntityTypes entityTypes;
    private final Matching matching;
    private final Rematcher rematcher;
    private final RematchWriter writer;
    private final long staleSeconds;

    RematchRunner(
            JdbcClient jdbc,
            JsonMapper json,
            EntityTypes entityTypes,
            Matching matching,
            Rematcher rematcher,
            RematchWriter writer,
            @Value("${amalgam.rematch.stale-after:PT2M}") java.time.Duration staleAfter) {
        this.jdbc = jdbc;
        this.json = json;
        this.entityTypes = entityTypes;
        this.matching = matching;
        this.rematcher = rematcher;
        this.writer = writer;
        this.staleSeconds = staleAfter.toSeconds();
    }

    /** The reason every version the re-match writes gives. */
    static String reason(int modelVersion) {
        return "model version " + modelVersion + " re-match";
    }

    void run(UUID id) {
        if (!claim(id)) {
            return;
        }
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rematch-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(
                () -> jdbc.sql("update rematch_job set heartbeat_at = now() where id = :id")
                        .param("id", id)
                        .update(),
                20,
                20,
                TimeUnit.SECONDS);
        Map<String, Object> counts = new LinkedHashMap<>();
        try {
            long typeId = jdbc.sql("select entity_type_id from rematch_job where id = :id")
                    .param("id", id)
                    .query(Long.class)
                    .single();
            boolean rebuildKeys = jdbc.sql("select rebuild_keys from rematch_job where id = :id")
                    .param("id", id)
                    .query(Boolean.class)
                    .single();
            EntityTypeView type = entityTypes.findById(typeId).orElseThrow();
            long start = System.nanoTime();
            progress(id, "reading", 0, 0);
            RematchSnapshot snapshot = rematcher.snapshot(type);
            java.util.List<MatchRecord> records = rematcher.records(snapshot);
            counts.put("records", records.size());
            counts.put("goldenRecords", snapshot.goldenRecords());
            progress(id, "weighing", 0, records.size());
            Matching.Draft draft = matching.current(type, records);
            counts.put("weights", draft.weights().name());
            progress(id, "clustering", 0, records.size());
            RematchPlan plan = rematcher.plan(snapshot, draft);
            counts.put("goldenRecordsAfter", plan.targets().size());
            RematchWriter.Counts written = writer.write(
                    type,
                    snapshot,
                    plan,
                    draft.records(),
                    rebuildKeys,
                    reason(type.version()),
                    (phase, done, total) -> progress(id, phase, done, total));
            counts.putAll(written.toMap());
            finish(id, "COMPLETED", counts, null);
            log.info(
                    "Re-matched {} under model version {} in {} ms: {}",
                    type.code(),
                    type.version(),
                    (System.nanoTime() - start) / 1_000_000,
                    counts);
        } catch (RuntimeException e) {
            log.warn("Re-match job {} failed", id, e);
            finish(id, "FAILED", counts, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            heartbeat.shutdownNow();
        }
    }

    private boolean claim(UUID id) {
        return jdbc.sql(
                                """
                        update rematch_job
                           set status = 'RUNNING', started_at = coalesce(started_at, now()), heartbeat_at = now(),
                               phase = 'reading', error = null
                         where id = :id
                           and (status = 'QUEUED'
                                or (status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => :stale)))
                        """)
                        .param("id", id)
                        .param("stale", (double) staleSeconds)
                        .update()
                == 1;
    }

    private void progress(UUID id, String phase, long done, long total) {
        jdbc.sql(
                        """
                        update rematch_job set phase = :phase, done = :done, total = :total, heartbeat_at = now()
                         where id = :id
                        """)
                .param("id", id)
                .param("phase", phase)
                .param("done", done)
                .param("total", total)
                .update();
    }

    private void finish(UUID id, String status, Map<String, Object> counts, String error) {
        jdbc.sql(
                        """
                        update rematch_job set status = :status, counts = cast(:counts as jsonb), error = :error,
                                               finished_at = now(), heartbeat_at = now(), phase = null
                         where id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("counts", json.writeValueAsString(counts))
                .param("error", error)
                .update();
    }
}
