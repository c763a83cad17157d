package org.amalgam.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.ingest.domain.ImportJobStore;
import org.amalgam.ingest.domain.ImportRunner;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The ingest module's facade for files: accept an upload, run it in the background, report on it. */
@Service
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ImportJobStore store;
    private final ImportRunner runner;
    private final MappingProfiles profiles;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final TaskExecutor executor;
    private final JsonMapper json;
    private final Path spoolDir;
    private final Duration staleAfter;
    private final ApplicationEventPublisher events;

    ImportJobs(
            ImportJobStore store,
            ImportRunner runner,
            MappingProfiles profiles,
            SourceSystems sources,
            EntityTypes entityTypes,
            @Qualifier("importExecutor") TaskExecutor executor,
            JsonMapper json,
            @Value("${amalgam.import.spool-dir}") Path spoolDir,
            @Value("${amalgam.import.stale-after}") Duration staleAfter,
            ApplicationEventPublisher events) {
        this.store = store;
        this.runner = runner;
        this.profiles = profiles;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.executor = executor;
        this.json = json;
        this.spoolDir = spoolDir.toAbsolutePath();
        this.staleAfter = staleAfter;
        this.events = events;
    }

    /**
     * Queues a file for import. The source, the type and the mapping are checked now, so that a mistake is answered
     * at once; the rows are processed in the background.
     */
    public ImportJobView submit(
            String sourceCode, String typeCode, String fileName, Upload content, String mapping, String user) {
        return submit(sourceCode, typeCode, fileName, content, mapping, false, user);
    }

    /**
     * Queues a file for import; with {@code snapshot}, the file is the source's full set of records of the type, and
     * the records it no longer holds are deleted when the import completes. Without a mapping, the source's saved
     * mapping for the type is used, if there is one.
     */
    public ImportJobView submit(
            String sourceCode,
            String typeCode,
            String fileName,
            Upload content,
            String mapping,
            boolean snapshot,
            String user) {
        return submit(UUID.randomUUID(), sourceCode, typeCode, fileName, content, mapping, snapshot, user);
    }

    ImportJobView submit(
            UUID id,
            String sourceCode,
            String typeCode,
            String fileName,
            Upload content,
            String mapping,
            boolean snapshot,
            String user) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = type(typeCode);
        String mappingJson = effectiveMapping(source, type, mapping);
        String name = fileName(fileName);
        Path spooled = spoolDir.resolve(id + ".upload");
        long size = spool(content, spooled);
        if (size == 0) {
            deleteQuietly(spooled);
            throw new InvalidInputException("The file '" + name + "' is empty: send a header line and rows.");
        }
        store.create(id, source.id(), type.id(), name, spooled.toString(), mappingJson, size, snapshot, user);
        executor.execute(() -> runner.run(id));
        return store.find(id).orElseThrow();
    }

    /**
     * The mapping a job runs with, checked now so that a mistake is answered at once: the one sent, else the saved
     * one of the source and type, else none (columns map by name). The job keeps its own copy, so a later change of
     * the saved mapping does not change a job that is already queued.
     */
    private String effectiveMapping(SourceSystemView source, EntityTypeView type, String mapping) {
        if (mapping != null && !mapping.isBlank()) {
            Mapping.parse(mapping, type, json);
            return json.readTree(mapping).toString();
        }
        Optional<String> saved = profiles.mappingFor(source, type);
        if (saved.isEmpty()) {
            return null;
        }
        try {
            Mapping.parse(saved.get(), type, json);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "The saved mapping of " + source.code() + "/" + type.code() + " no longer fits the model ("
                            + e.getMessage() + "): fix it with PUT /api/v1/sources/" + source.code() + "/mappings/"
                            + type.code() + ", or send a mapping with the file.",
                    e.errors());
        }
        return saved.get();
    }

    static String fileName(String fileName) {
        return fileName == null || fileName.isBlank()
                ? "upload.csv"
                : Path.of(fileName).getFileName().toString();
    }

    EntityTypeView type(String typeCode) {
        if (typeCode == null || typeCode.isBlank()) {
            throw new InvalidInputException("Say which entity type the file holds, e.g. ?type=person.");
        }
        return entityTypes.get(typeCode);
    }

    /** Saves the upload where it is read from, and answers its size. */
    long spool(Upload content, Path target) {
        try {
            Files.createDirectories(spoolDir);
            content.saveTo(target);
            return Files.size(target);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new IllegalStateException("Could not keep the uploaded file in " + spoolDir, e);
        }
    }

    Path spoolDir() {
        return spoolDir;
    }

    /**
     * Asks an import to stop: a queued one is cancelled at once, a running one after its current batch; rows stored
     * before stay stored. A finished import cannot be cancelled.
     */
    public ImportJobView cancel(UUID id) {
        ImportJobView job = get(id);
        Optional<String> spool = store.spoolPath(id);
        if (store.requestCancel(id) && job.status() == ImportStatus.QUEUED) {
            // never started: its upload goes now, as a finished import's does
            spool.map(Path::of).ifPresent(ImportJobs::deleteQuietly);
            store.finish(id, ImportStatus.CANCELLED, "Cancelled before it started.");
            ImportJobView cancelled = get(id);
            events.publishEvent(new ImportFinished(
                    id, cancelled.source(), cancelled.type(), ImportStatus.CANCELLED, cancelled.counts()));
            return cancelled;
        }
        if (job.status().finished()) {
            throw new InvalidInputException("The import " + id + " has already finished (" + job.status() + ").");
        }
        return get(id);
    }

    public ImportJobView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("There is no import job " + id + "."));
    }

    public Optional<ImportJobView> find(UUID id) {
        return store.find(id);
    }

    public List<ImportJobView> forSource(String sourceCode, int limit) {
        return store.listForSource(sources.get(sourceCode).id(), limit);
    }

    public List<ImportJobView> recent(int limit) {
        return store.recent(limit);
    }

    public List<RejectionView> rejections(UUID id, int offset, int limit) {
        get(id);
        return store.rejections(id, offset, limit);
    }

    /**
     * Takes over the imports that a stopped instance left unfinished and runs them again from their spooled file
     * (imports are idempotent). Runs at start-up and then on a schedule, so several instances can share a database.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            initialDelayString = "${amalgam.import.resume-interval}",
            fixedDelayString = "${amalgam.import.resume-interval}")
    void resumeAbandoned() {
        long stale = staleAfter.toSeconds();
        for (ImportJobStore.Abandoned job : store.abandoned(stale)) {
            boolean fileHere = job.spoolPath() != null && Files.exists(Path.of(job.spoolPath()));
            if (fileHere && store.reclaim(job.id(), stale)) {
                log.info("Resuming import {}, which a stopped instance left unfinished", job.id());
                executor.execute(() -> runner.run(job.id()));
            } else if (!fileHere && job.longGone()) {
                store.finish(
                        job.id(),
                        ImportStatus.FAILED,
                        "The import was interrupted and its uploaded file is no longer available; upload it again.");
            }
        }
    }

    /**
     * The uploaded file, saved where the import reads it (a move where the servlet container already keeps the upload
     * on disk). The target is an absolute path.
     */
    @FunctionalInterface
    public interface Upload {
        void saveTo(Path target) throws IOException;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
