package org.amalgam.ingest.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportFinished;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.domain.ImportJobStore;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.domain.RecordPipeline;
import org.amalgam.ingest.jdbc.JdbcPullStore.JdbcPull;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one pull: connects to the department database, streams the rows past the stored watermark through the record
 * pipeline under an import job, and stores the largest watermark seen only when every row went through. A run that
 * fails leaves the watermark where it was, so the next run reads those rows again (imports are idempotent).
 */
@Component
class JdbcPullRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JdbcPullRunner.class);

    private final JdbcPullStore pulls;
    private final ImportJobStore jobs;
    private final RecordPipeline pipeline;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final int fetchSize;
    private final Set<UUID> liveJobs = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Statement> statements = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final long beatSeconds;
    private ScheduledExecutorService heartbeat;
    private volatile boolean stopping;
    private volatile boolean running;

    JdbcPullRunner(
            JdbcPullStore pulls,
            ImportJobStore jobs,
            RecordPipeline pipeline,
            SourceSystems sources,
            EntityTypes entityTypes,
            SecretBox secrets,
            JsonMapper json,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            @Value("${amalgam.pull.fetch-size:1000}") int fetchSize,
            @Value("${amalgam.import.stale-after}") Duration staleAfter) {
        this.pulls = pulls;
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.secrets = secrets;
        this.json = json;
        this.events = events;
        this.transaction = transaction;
        this.fetchSize = fetchSize;
        // a query can take minutes before its first row; the heartbeat keeps other instances from taking over
        this.beatSeconds = Math.max(1, Math.min(30, staleAfter.toSeconds() / 3));
    }

    /** Marks a claimed job as belonging to this instance before it waits for a worker. */
    void claimed(UUID jobId) {
        liveJobs.add(jobId);
    }

    void run(long pullId, UUID jobId) {
        try {
            if (stopping) {
                handBack(pullId, jobId, null);
                return;
            }
            if (!jobs.start(jobId)) {
                // cancelled while it waited for a worker
                pulls.release(pullId, jobId, null);
                return;
            }
            active.incrementAndGet();
            try {
                runStarted(pullId, jobId);
            } finally {
                active.decrementAndGet();
            }
        } finally {
            liveJobs.remove(jobId);
        }
    }

    private void runStarted(long pullId, UUID jobId) {
        JdbcPull pull = pulls.findById(pullId).orElse(null);
        Progress progress = new Progress();
        String name = pull == null ? "#" + pullId : pull.name();
        try {
            if (pull == null) {
                throw new PullFailedException("The pull was deleted before it ran.");
            }
            SourceSystemView source = sources.findById(pull.sourceId()).orElseThrow();
            EntityTypeView type = entityTypes.findById(pull.entityTypeId()).orElseThrow();
            Mapping mapping = mapping(pull, type);
            Watermark seen = read(pull, jobId, source, type, mapping, progress);
            Watermark next = next(pull.watermark(), seen);
            transaction.executeWithoutResult(status -> {
                pulls.complete(pull.id(), jobId, pull.watermarkColumn(), pull.watermark(), next);
                jobs.progress(jobId, 0, progress.counts);
                jobs.finish(jobId, ImportStatus.COMPLETED, null);
            });
            publish(jobId, pull, ImportStatus.COMPLETED, progress.counts);
            log.info(
                    "Pull {} of {} completed: {}; watermark {}",
                    pull.name(),
                    pull.source(),
                    progress.counts,
                    next == null ? "none" : next.value());
        } catch (RecordPipeline.Stopped e) {
            if (progress.cancel) {
                cancelled(pull, jobId, progress.counts);
            } else {
                handBack(pullId, jobId, progress.counts);
            }
        } catch (SQLException e) {
            if (stopping) {
                handBack(pullId, jobId, progress.counts);
            } else {
                fail(pull, pullId, jobId, progress.counts, Redaction.sqlMessage(e, pull, secrets));
            }
        } catch (PullFailedException | InvalidInputException e) {
            if (stopping) {
                handBack(pullId, jobId, progress.counts);
            } else {
                fail(pull, pullId, jobId, progress.counts, Redaction.redact(e.getMessage(), pull, secrets));
            }
        } catch (Exception e) {
            log.error("Pull {} failed unexpectedly", name, e);
            fail(
                    pull,
                    pullId,
                    jobId,
                    progress.counts,
                    "The pull stopped because of an internal error ("
                            + e.getClass().getSimpleName()
                            + "); rows before it are stored and the watermark was not moved. Details are in the"
                            + " server log.");
        }
    }

    /** Streams the rows past the watermark through the pipeline and answers the largest watermark among them. */
    private Watermark read(
            JdbcPull pull, UUID jobId, SourceSystemView source, EntityTypeView type, Mapping mapping, Progress progress)
            throws SQLException {
        try (Connection connection = connect(pull)) {
            try {
                connection.setReadOnly(true);
            } catch (SQLException e) {
                // a driver that cannot mark the session read-only still runs a plain select
            }
            // PostgreSQL streams rows only inside a transaction; for the others it costs nothing
            connection.setAutoCommit(false);
            PullQuery query = PullQuery.of(
                    pull.query(),
                    pull.watermarkColumn(),
                    connection.getMetaData().getIdentifierQuoteString(),
                    pull.watermark() != null);
            try (PreparedStatement statement =
                    connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statements.put(jobId, statement);
                statement.setFetchSize(fetchSize);
                query.bind(statement, pull.watermark());
                try (ResultSet rs = executeQuery(statement);
                        ResultSetReader reader = new ResultSetReader(rs, pull.watermarkColumn(), json)) {
                    RecordPipeline.Result result = pipeline.run(
                            new RecordPipeline.Target(jobId, source, type, mapping),
                            reader,
                            (batchCounts, bytes) -> {
                                progress.counts = batchCounts;
                                progress.cancel = jobs.progress(jobId, 0, batchCounts);
                            },
                            () -> stopping || progress.cancel);
                    progress.counts = result.counts();
                    return reader.maxWatermark().orElse(null);
                }
            } finally {
                statements.remove(jobId);
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    // the connection closes next; a read-only transaction has nothing to undo
                }
            }
        }
    }

    private static ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        return statement.executeQuery();
    }

    /** Connecting or logging in failed, as opposed to the query. */
    static final class ConnectFailed extends SQLException {
        ConnectFailed(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private Connection connect(JdbcPull pull) throws SQLException {
        try {
            return openConnection(pull);
        } catch (SQLException e) {
            throw new ConnectFailed(e);
        }
    }

    private Connection openConnection(JdbcPull pull) throws SQLException {
        Properties properties = new Properties();
        if (pull.username() != null) {
            properties.setProperty("user", pull.username());
        }
        String password = secrets.open(pull.sealedPassword());
        if (password != null) {
            properties.setProperty("password", password);
        }
        String url = pull.jdbcUrl().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            // a department server must not be able to make Amalgam send it local files (LOAD DATA LOCAL)
            properties.setProperty("allowLocalInfile", "false");
        }
        return DriverManager.getConnection(pull.jdbcUrl(), properties);
    }

    /** The pull's key column is the key; the rest of the mapping is as for a file. */
    private Mapping mapping(JdbcPull pull, EntityTypeView type) {
        Mapping parsed = Mapping.parse(pull.mapping(), type, json);
        return new Mapping(pull.keyColumn(), parsed.attributes());
    }

    /** The watermark to store: the larger of the previous one and the largest seen (a changed column type wins). */
    static Watermark next(Watermark previous, Watermark seen) {
        if (seen == null) {
            return previous;
        }
        if (previous == null || previous.kind() != seen.kind()) {
            return seen;
        }
        return Watermark.max(previous, seen);
    }

    /** Where a run stands, as the pipeline reports it after each batch. */
    private static final class Progress {
        ImportCounts counts = ImportCounts.NONE;
        volatile boolean cancel;
    }

    /** Someone cancelled the run: it ends CANCELLED, rows before stay stored, and the watermark stays. */
    private void cancelled(JdbcPull pull, UUID jobId, ImportCounts counts) {
        transaction.executeWithoutResult(status -> {
            pulls.release(pull.id(), jobId, null);
            jobs.progress(jobId, 0, counts);
            jobs.finish(
                    jobId,
                    ImportStatus.CANCELLED,
                    "Cancelled after " + counts.read() + " rows; the rows before stay stored. The watermark was not"
                            + " moved, so the next run reads them again.");
        });
        publish(jobId, pull, ImportStatus.CANCELLED, counts);
        log.info("Pull {} of {} was cancelled", pull.name(), pull.source());
    }

    private void fail(JdbcPull pull, long pullId, UUID jobId, ImportCounts counts, String message) {
        transaction.executeWithoutResult(status -> {
            pulls.release(pullId, jobId, null);
            jobs.progress(jobId, 0, counts);
            jobs.finish(jobId, ImportStatus.FAILED, message);
        });
        if (pull != null) {
            publish(jobId, pull, ImportStatus.FAILED, counts);
        }
        log.info("Pull {} failed: {}", pull == null ? "#" + pullId : pull.name(), message);
    }

    /** Amalgam stops: the run ends CANCELLED and the pull is due at once, so the next instance to look runs it. */
    private void handBack(long pullId, UUID jobId, ImportCounts counts) {
        transaction.executeWithoutResult(status -> {
            pulls.release(pullId, jobId, Instant.now());
            if (counts != null) {
                jobs.progress(jobId, 0, counts);
            }
            jobs.finish(
                    jobId,
                    ImportStatus.CANCELLED,
                    "Amalgam stopped during the pull. The watermark was not moved, so the next run reads these rows"
                            + " again.");
        });
        log.info("Pull run {} is cancelled because the application stops; the pull is due again", jobId);
    }

    private void publish(UUID jobId, JdbcPull pull, ImportStatus status, ImportCounts counts) {
        events.publishEvent(new ImportFinished(jobId, pull.source(), pull.type(), status, counts));
    }

    private void beat() {
        try {
            jobs.heartbeat(liveJobs);
        } catch (RuntimeException e) {
            log.debug("Pull heartbeat failed", e);
        }
    }

    /** A graceful stop cancels running queries and waits for their runs to be handed back. */
    @Override
    public void stop() {
        stopping = true;
        statements.values().forEach(statement -> {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // the run notices the stop between rows anyway
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        running = false;
    }

    @Override
    public void start() {
        stopping = false;
        heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pull-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beatSeconds, beatSeconds, TimeUnit.SECONDS);
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
