package org.amalgam.ingest.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportFinished;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.ingest.file.TabularReaders;
import org.amalgam.ingest.file.UnreadableFileException;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one import job: reads the spooled file row by row, maps, standardizes and validates each row, and stores the
 * rows in batches; then the golden records of the new records are built, and the job completes.
 */
@Component
public class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobStore jobs;
    private final RecordPipeline pipeline;
    private final SnapshotCleanup snapshots;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<UUID> liveJobs = ConcurrentHashMap.newKeySet();
    private final long beatSeconds;
    private ScheduledExecutorService heartbeat;
    private volatile boolean stopping;
    private volatile boolean running;

    ImportRunner(
            ImportJobStore jobs,
            RecordPipeline pipeline,
            SnapshotCleanup snapshots,
            SourceSystems sources,
            EntityTypes entityTypes,
            JsonMapper json,
            ApplicationEventPublisher events,
            @Value("${amalgam.import.stale-after}") Duration staleAfter) {
        // building golden records after the last row can take minutes without progress to report: the heartbeat keeps
        // other instances from taking the job over meanwhile
        this.beatSeconds = Math.max(1, Math.min(30, staleAfter.toSeconds() / 3));
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.snapshots = snapshots;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.json = json;
        this.events = events;
    }

    public void run(UUID jobId) {
        if (stopping || !jobs.start(jobId)) {
            return;
        }
        active.incrementAndGet();
        liveJobs.add(jobId);
        ImportJobView job = jobs.find(jobId).orElseThrow();
        Path file = jobs.spoolPath(jobId).map(Path::of).orElse(null);
        Progress progress = new Progress();
        boolean keepFile = false;
        try {
            if (file == null || !Files.exists(file)) {
                throw new UnreadableFileException("The uploaded file is no longer available; upload it again.");
            }
            SourceSystemView source = sources.get(job.source());
            EntityTypeView type = entityTypes.get(job.type());
            Mapping mapping = Mapping.parse(jobs.mapping(jobId).orElse(null), type, json);
            try (TabularReader reader = TabularReaders.open(file, job.fileName())) {
                RecordPipeline.Result result = pipeline.run(
                        new RecordPipeline.Target(jobId, source, type, mapping, job.snapshot()),
                        reader,
                        (counts, bytesRead) -> {
                            progress.counts = counts;
                            progress.bytes = bytesRead;
                            progress.cancel = jobs.progress(jobId, bytesRead, counts);
                        },
                        () -> stopping || progress.cancel);
                progress.counts = result.counts();
            }
            if (job.snapshot()) {
                progress.counts =
                        progress.counts.withDeleted(snapshots.deleteUnseen(job, source, type, progress.counts));
            }
            jobs.progress(jobId, job.totalBytes(), progress.counts);
            finish(job, ImportStatus.COMPLETED, null, progress.counts);
            log.info("Import {} of {} completed: {}", jobId, job.fileName(), progress.counts);
        } catch (RecordPipeline.Stopped e) {
            if (progress.cancel) {
                jobs.progress(jobId, progress.bytes, progress.counts);
                finish(
                        job,
                        ImportStatus.CANCELLED,
                        "Cancelled after " + progress.counts.read() + " rows; the rows before stay stored"
                                + (job.snapshot() ? " and no record was deleted." : "."),
                        progress.counts);
                log.info("Import {} of {} was cancelled", jobId, job.fileName());
            } else {
                // the application stops: hand the job back, so the next instance runs it again
                keepFile = true;
                jobs.release(jobId);
                log.info(
                        "Import {} of {} is handed back because the application stops; it resumes from its start on"
                                + " the next start",
                        jobId,
                        job.fileName());
            }
        } catch (UnreadableFileException | InvalidInputException e) {
            jobs.progress(jobId, progress.bytes, progress.counts);
            finish(job, ImportStatus.FAILED, e.getMessage(), progress.counts);
            log.info("Import {} of {} failed: {}", jobId, job.fileName(), e.getMessage());
        } catch (Exception e) {
            log.error("Import {} of {} failed unexpectedly", jobId, job.fileName(), e);
            jobs.progress(jobId, progress.bytes, progress.counts);
            finish(
                    job,
                    ImportStatus.FAILED,
                    "The import stopped because of an internal error ("
                            + e.getClass().getSimpleName()
                            + "); rows before it are stored. Details are in the server log.",
                    progress.counts);
        } finally {
            if (!keepFile) {
                deleteQuietly(file);
            }
            liveJobs.remove(jobId);
            active.decrementAndGet();
        }
    }

    /** Where a running job stands, as the pipeline reports it after each batch. */
    private static final class Progress {
        ImportCounts counts = ImportCounts.NONE;
        long bytes;
        volatile boolean cancel;
    }

    private void finish(ImportJobView job, ImportStatus status, String error, ImportCounts counts) {
        jobs.finish(job.id(), status, error);
        events.publishEvent(new ImportFinished(job.id(), job.source(), job.type(), status, counts));
    }

    /** A graceful stop hands running imports back instead of failing them, and waits for that to be written. */
    @Override
    public void stop() {
        stopping = true;
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
            Thread thread = new Thread(task, "import-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beatSeconds, beatSeconds, TimeUnit.SECONDS);
        running = true;
    }

    private void beat() {
        try {
            jobs.heartbeat(liveJobs);
        } catch (RuntimeException e) {
            log.debug("Import heartbeat failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the spooled file {}", file, e);
        }
    }
}
