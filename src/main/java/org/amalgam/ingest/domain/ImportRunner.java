package org.amalgam.ingest.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.SourceRecordsStored;
import org.amalgam.ingest.file.CsvReader;
import org.amalgam.ingest.file.Row;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.ingest.file.UnreadableFileException;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.amalgam.standardize.Standardized;
import org.amalgam.standardize.Standardizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one import job: reads the spooled file row by row, maps, standardizes and validates each row, and stores the
 * rows in batches. Each batch is stored, and its golden records built, in one transaction.
 */
@Component
public class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    static final int BATCH_SIZE = 1000;

    private final ImportJobStore jobs;
    private final SourceRecordWriter writer;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final Standardizers standardizers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean running;

    ImportRunner(
            ImportJobStore jobs,
            SourceRecordWriter writer,
            SourceSystems sources,
            EntityTypes entityTypes,
            Standardizers standardizers,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.jobs = jobs;
        this.writer = writer;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.standardizers = standardizers;
        this.events = events;
        this.transaction = transaction;
        this.json = json;
    }

    public void run(UUID jobId) {
        if (stopping || !jobs.start(jobId)) {
            return;
        }
        active.incrementAndGet();
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
            try (TabularReader reader = CsvReader.open(file, delimiterFor(job.fileName()))) {
                process(job.id(), source, type, mapping, reader, progress);
            }
            jobs.progress(jobId, job.totalBytes(), progress.counts());
            jobs.finish(jobId, ImportStatus.COMPLETED, null);
            log.info("Import {} of {} completed: {}", jobId, job.fileName(), progress.counts());
        } catch (Interrupted e) {
            keepFile = true;
            jobs.release(jobId);
            log.info(
                    "Import {} of {} is handed back because the application stops; it resumes from its start on the"
                            + " next start",
                    jobId,
                    job.fileName());
        } catch (UnreadableFileException | InvalidInputException e) {
            jobs.progress(jobId, progress.bytes, progress.counts());
            jobs.finish(jobId, ImportStatus.FAILED, e.getMessage());
            log.info("Import {} of {} failed: {}", jobId, job.fileName(), e.getMessage());
        } catch (Exception e) {
            log.error("Import {} of {} failed unexpectedly", jobId, job.fileName(), e);
            jobs.progress(jobId, progress.bytes, progress.counts());
            jobs.finish(
                    jobId,
                    ImportStatus.FAILED,
                    "The import stopped because of an internal error ("
                            + e.getClass().getSimpleName()
                            + "); rows before it are stored. Details are in the server log.");
        } finally {
            if (!keepFile) {
                deleteQuietly(file);
            }
            active.decrementAndGet();
        }
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
        running = false;
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Thrown between rows when the application stops. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private void process(
            UUID jobId,
            SourceSystemView source,
            EntityTypeView type,
            Mapping mapping,
            TabularReader reader,
            Progress progress) {
        List<String> header = reader.header();
        Mapping.Bound bound = mapping.bind(header, type);
        List<String> rawNames = uniqueNames(header);
        List<SourceRecordWriter.Input> batch = new ArrayList<>(BATCH_SIZE);
        Set<String> keysInBatch = new HashSet<>();
        while (true) {
            var next = reader.next();
            if (next.isEmpty()) {
                break;
            }
            if (stopping) {
                throw new Interrupted();
            }
            Row row = next.get();
            progress.read++;
            List<String> reasons = new ArrayList<>();
            if (row.values().size() != header.size()) {
                reasons.add("the row has " + row.values().size() + " fields but the header has " + header.size());
            }
            String key = bound.keyIndex() < row.values().size()
                    ? clean(row.values().get(bound.keyIndex())).strip()
                    : "";
            if (key.isEmpty()) {
                reasons.add("the source key (column '" + header.get(bound.keyIndex()) + "') is empty");
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (AttributeDefinition attribute : type.attributes()) {
                Mapping.BoundSource from = bound.attributes().get(attribute.name());
                String value = from == null ? null : from.value(row.values());
                Standardized standardized =
                        standardizers.standardize(attribute.type(), from == null ? null : from.format(), clean(value));
                if (standardized.hasValue()) {
                    attributes.put(attribute.name(), standardized.value());
                } else if (attribute.required()) {
                    reasons.add(attribute.name() + " is required"
                            + (standardized.issue() != null ? ": " + standardized.issue() : ""));
                }
            }
            if (!reasons.isEmpty()) {
                progress.rejected++;
                jobs.reject(jobId, row.number(), clean(row.raw()), reasons);
                continue;
            }
            if (!keysInBatch.add(key)) {
                flush(jobId, source, type, batch, progress, reader.bytesRead());
                keysInBatch.clear();
                keysInBatch.add(key);
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            for (int i = 0; i < rawNames.size() && i < row.values().size(); i++) {
                raw.put(rawNames.get(i), clean(row.values().get(i)));
            }
            batch.add(new SourceRecordWriter.Input(
                    key, json.writeValueAsString(raw), json.writeValueAsString(attributes)));
            if (batch.size() >= BATCH_SIZE) {
                flush(jobId, source, type, batch, progress, reader.bytesRead());
                keysInBatch.clear();
            }
        }
        flush(jobId, source, type, batch, progress, reader.bytesRead());
    }

    private void flush(
            UUID jobId,
            SourceSystemView source,
            EntityTypeView type,
            List<SourceRecordWriter.Input> batch,
            Progress progress,
            long bytes) {
        if (!batch.isEmpty()) {
            SourceRecordWriter.Result result = transaction.execute(status -> {
                SourceRecordWriter.Result stored = writer.upsert(source.id(), type.id(), jobId, batch);
                if (!stored.created().isEmpty() || !stored.updated().isEmpty()) {
                    events.publishEvent(new SourceRecordsStored(jobId, type.id(), stored.changed()));
                }
                return stored;
            });
            progress.created += result.created().size();
            progress.updated += result.updated().size();
            progress.unchanged +=
                    batch.size() - result.created().size() - result.updated().size();
            batch.clear();
        }
        progress.bytes = bytes;
        jobs.progress(jobId, bytes, progress.counts());
    }

    /** Header names as keys of the raw payload: blank ones become column_N, repeated ones get a suffix. */
    static List<String> uniqueNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).isBlank() ? "column_" + (i + 1) : header.get(i);
            String candidate = name;
            for (int n = 2; !seen.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = name + "_" + n;
            }
            names.add(candidate);
        }
        return names;
    }

    /** PostgreSQL text cannot hold NUL characters. */
    private static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }

    private static Character delimiterFor(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : null;
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

    private static final class Progress {
        long read;
        long created;
        long updated;
        long unchanged;
        long rejected;
        long bytes;

        ImportCounts counts() {
            return new ImportCounts(read, created, updated, unchanged, rejected);
        }
    }
}
