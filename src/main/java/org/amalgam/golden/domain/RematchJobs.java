package org.amalgam.golden.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.golden.RematchJobView;
import org.amalgam.match.Matching;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.ModelSaved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-match jobs: one is queued in the transaction that saves a model whose match or survivorship settings changed, and
 * runs on the re-match executor once that transaction committed. A job that a stopped instance left queued or running
 * is taken up again by a schedule (switched off with {@code amalgam.scheduling.enabled=false}); re-matching is
 * idempotent, so running a job again only finishes what was left.
 */
@Component
public class RematchJobs {

    private static final Logger log = LoggerFactory.getLogger(RematchJobs.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Matching matching;
    private final RematchRunner runner;
    private final TaskExecutor executor;
    private final boolean enabled;
    private final Duration staleAfter;

    RematchJobs(
            JdbcClient jdbc,
            JsonMapper json,
            Matching matching,
            RematchRunner runner,
            @Qualifier("rematchExecutor") TaskExecutor executor,
            @Value("${amalgam.rematch.on-model-change:true}") boolean enabled,
            @Value("${amalgam.rematch.stale-after:PT2M}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.json = json;
        this.matching = matching;
        this.runner = runner;
        this.executor = executor;
        this.enabled = enabled;
        this.staleAfter = staleAfter;
    }

    /**
     * A model was saved: weights estimated for the version before carry over when the comparisons did not change, and
     * when the match or survivorship settings changed, the type is re-matched once the save committed.
     */
    @EventListener
    void on(ModelSaved event) {
        if (event.previous() == null) {
            return;
        }
        EntityTypeView type = event.type();
        matching.carryOverWeights(type, event.previous(), event.previousMatch());
        if (!enabled || !(event.matchChanged() || event.survivorshipChanged())) {
            return;
        }
        boolean rebuildKeys = event.matchChanged();
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into rematch_job (id, entity_type_id, model_version, previous_version, rebuild_keys,
                                                 requested_by)
                        values (:id, :type, :version, :previous, :keys, :by)
                        """)
                .param("id", id)
                .param("type", type.id())
                .param("version", type.version())
                .param("previous", event.previous().version())
                .param("keys", rebuildKeys)
                .param("by", event.by())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(id);
                }
            });
        } else {
            submit(id);
        }
    }

    private void submit(UUID id) {
        executor.execute(() -> runner.run(id));
    }

    /** Takes up jobs that were queued but never started, or whose instance stopped while running them. */
    @Scheduled(
            fixedDelayString = "${amalgam.rematch.resume-interval:PT1M}",
            initialDelayString = "${amalgam.rematch.resume-interval:PT1M}")
    void resume() {
        List<UUID> abandoned = jdbc.sql(
                        """
                        select id from rematch_job
                         where (status = 'QUEUED' and created_at < now() - cast(:stale as interval))
                            or (status = 'RUNNING' and heartbeat_at < now() - cast(:stale as interval))
                         order by created_at
                        """)
                .param("stale", staleAfter.toSeconds() + " seconds")
                .query(UUID.class)
                .list();
        for (UUID id : abandoned) {
            log.info("Taking up re-match job {} again", id);
            submit(id);
        }
    }

    /** The latest re-match job of a type. */
    public Optional<RematchJobView> latest(EntityTypeView type) {
        return jdbc.sql(
                        """
                        select id, model_version, previous_version, status, phase, done, total, counts::text, error,
                               requested_by, created_at, started_at, finished_at
                          from rematch_job where entity_type_id = :type
                         order by created_at desc limit 1
                        """)
                .param("type", type.id())
                .query((rs, n) -> new RematchJobView(
                        rs.getObject(1, UUID.class),
                        type.code(),
                        rs.getInt(2),
                        (Integer) rs.getObject(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        json.readValue(rs.getString(8), MAP),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getTimestamp(11).toInstant(),
                        rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(),
                        rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant()))
                .optional();
    }
}
