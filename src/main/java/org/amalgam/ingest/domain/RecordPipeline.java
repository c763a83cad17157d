package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.amalgam.ingest.BulkLoadStored;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.SourceRecordsStored;
import org.amalgam.ingest.file.Row;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.ingest.file.UnreadableFileException;
import org.amalgam.model.EntityTypeView;
import org.amalgam.sources.SourceSystemView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one inbound pipeline that every way in ends in: map each row to a source key and attributes, standardize and
 * validate the values, and store the rows in batches. A value that fails validation is left out of the standardized
 * record and flagged (it stays in the raw payload); only a missing key or a missing required attribute rejects a row.
 * Each batch is stored in one transaction; a single pushed record gets its golden record in that transaction too, a
 * bulk load's new records get theirs once the load has stored its rows.
 */
@Component
public class RecordPipeline {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordPipeline.class);

    static final int BATCH_SIZE = 10_000;

    static final int MAX_KEY_LENGTH = RowStandardizer.MAX_KEY_LENGTH;

    private final SourceRecordWriter writer;
    private final ImportJobStore jobs;
    private final RowStandardizer rows;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    RecordPipeline(
            SourceRecordWriter writer,
            ImportJobStore jobs,
            RowStandardizer rows,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.writer = writer;
        this.jobs = jobs;
        this.rows = rows;
        this.events = events;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * What a run is for: the job that records rejections (null for a single pushed record), source, type, mapping,
     * and whether the run is a full snapshot (every record it sees is marked as seen by the job).
     */
    public record Target(UUID jobId, SourceSystemView source, EntityTypeView type, Mapping mapping, boolean snapshot) {

        public Target(UUID jobId, SourceSystemView source, EntityTypeView type, Mapping mapping) {
            this(jobId, source, type, mapping, false);
        }
    }

    /** Told after every batch, so a job can report progress. */
    @FunctionalInterface
    public interface ProgressListener {
        void onBatch(ImportCounts counts, long bytesRead);
    }

    /** Thrown between rows when {@code stop} says so; what was stored before stays stored. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** The outcome of a run: counts, and (for a run without a job) the records it created or changed. */
    public record Result(ImportCounts counts, List<Long> created, List<Long> updated, List<Rejection> rejections) {}

    /** A row that was not stored. */
    public record Rejection(long row, String raw, List<String> reasons) {}

    /**
     * Runs every row of the reader through the pipeline. Rejections are stored with the job when there is one, and
     * returned otherwise.
     */
    public Result run(Target target, TabularReader reader, ProgressListener listener, BooleanSupplier stop) {
        if (target.jobId() == null) {
            return runRows(target, reader, listener, stop);
        }
        boolean stored = false;
        try {
            long start = System.nanoTime();
            Result result = runRows(target, reader, listener, stop);
            stored = true;
            long storedAt = System.nanoTime();
            settle(target);
            log.info(
                    "Import {}: {} rows stored in {} ms, golden records built in {} ms",
                    target.jobId(),
                    result.counts().read(),
                    (storedAt - start) / 1_000_000,
                    (System.nanoTime() - storedAt) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            if (!stored) {
                // a failed or cancelled load keeps the rows it stored: they get their golden records all the same
                try {
                    settle(target);
                } catch (RuntimeException notSettled) {
                    e.addSuppressed(notSettled);
                }
            }
            throw e;
        }
    }

    private void settle(Target target) {
        events.publishEvent(new BulkLoadStored(target.jobId(), target.type().id()));
    }

    private Result runRows(Target target, TabularReader reader, ProgressListener listener, BooleanSupplier stop) {
        Run run = new Run(target, reader, listener);
        try {
            while (true) {
                Optional<Row> next;
                try {
                    next = reader.next();
                } catch (UnreadableFileException e) {
                    // the rows before the break are good: store them, so the counts agree with "broken after row N"
                    try {
                        run.flush();
                        run.awaitWrite();
                        run.report();
                    } catch (RuntimeException notStored) {
                        e.addSuppressed(notStored);
                    }
                    throw e;
                }
                if (next.isEmpty()) {
                    break;
                }
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
                run.accept(next.get());
            }
            run.flush();
            run.awaitWrite();
            run.report();
        } finally {
            run.close();
        }
        if (target.snapshot() && run.unidentified > 0) {
            throw new UnreadableFileException(run.unidentified + " row(s) of the snapshot could not be read well enough"
                    + " to tell which record they hold (see the rejections), so the snapshot cannot tell which records"
                    + " are gone: nothing was deleted. The other rows are stored; fix those rows and send the snapshot"
                    + " again.");
        }
        return new Result(run.counts(), run.created, run.updated, run.rejections);
    }

    /**
     * The state of one run: the bound mapping, the current batch and the counts. A bulk load stores each batch on a
     * writer thread while the next one is read and standardized, one batch in flight at a time, in file order.
     */
    private final class Run {

        private final ExecutorService writerThread;
        private Future<SourceRecordWriter.Result> inFlight;
        private int inFlightSize;

        private final Target target;
        private final TabularReader reader;
        private final ProgressListener listener;
        private final List<SourceRecordWriter.Input> batch = new ArrayList<>(BATCH_SIZE);
        private final Set<String> keysInBatch = new HashSet<>();
        private final List<Long> created = new ArrayList<>();
        private final List<Long> updated = new ArrayList<>();
        private long createdCount;
        private long updatedCount;
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<String> seenButRejected = new ArrayList<>();
        private Mapping.Bound bound;
        private RowStandardizer.Prepared prepared;
        private List<String> header;
        private List<String> rawNames;
        private long read;
        private long unchanged;
        private long rejected;
        private long unidentified;
        private long flagged;

        Run(Target target, TabularReader reader, ProgressListener listener) {
            this.target = target;
            this.reader = reader;
            this.listener = listener;
            this.writerThread = target.jobId() == null
                    ? null
                    : Executors.newSingleThreadExecutor(task -> {
                        Thread thread = new Thread(task, "import-writer-" + target.jobId());
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        /** Waits for the batch in flight and counts it; its failure is the run's failure. */
        void awaitWrite() {
            if (inFlight == null) {
                return;
            }
            Future<SourceRecordWriter.Result> pending = inFlight;
            inFlight = null;
            try {
                count(pending.get(), inFlightSize);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a batch was stored", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Lets the batch in flight finish (what was read before a failure or a stop is stored) and ends the thread. */
        void close() {
            if (writerThread == null) {
                return;
            }
            try {
                if (inFlight != null) {
                    // a stop or a failure while a batch was in flight: its rows are stored, and counted
                    awaitWrite();
                    report();
                }
            } catch (RuntimeException e) {
                log.debug("The last batch of import {} was not stored", target.jobId(), e);
            } finally {
                writerThread.shutdownNow();
            }
        }

        private SourceRecordWriter.Result write(List<SourceRecordWriter.Input> rows) {
            return transaction.execute(status -> {
                SourceRecordWriter.Result stored =
                        writer.upsert(target.source().id(), target.type().id(), target.jobId(), rows);
                if (target.snapshot()) {
                    writer.markSeen(
                            target.source().id(),
                            target.type().id(),
                            target.jobId(),
                            rows.stream()
                                    .map(SourceRecordWriter.Input::sourceKey)
                                    .toList());
                }
                if (!stored.created().isEmpty() || !stored.updated().isEmpty()) {
                    events.publishEvent(new SourceRecordsStored(
                            target.jobId(), target.type().id(), stored.changed()));
                }
                return stored;
            });
        }

        private void count(SourceRecordWriter.Result result, int size) {
            createdCount += result.created().size();
            updatedCount += result.updated().size();
            if (target.jobId() == null) {
                // a pushed record's caller wants to know which records changed; a bulk load only counts them
                created.addAll(result.created());
                updated.addAll(result.updated());
            }
            unchanged += size - result.created().size() - result.updated().size();
        }

        void accept(Row row) {
            if (row.problem() != null && row.values().isEmpty()) {
                // the reader could not take the row apart (a broken JSON line): no key tells which record it holds
                read++;
                unidentified++;
                reject(row, List.of(row.problem()));
                return;
            }
            if (bound == null) {
                header = reader.header();
                bound = target.mapping().bind(header, target.type());
                prepared = rows.prepare(target.type(), bound, target.source().phoneRegion());
                rawNames = uniqueNames(header);
            } else if (reader.header().size() != header.size()) {
                // formats without a header line (JSON) learn new columns as they go
                header = reader.header();
                rawNames = uniqueNames(header);
            }
            read++;
            List<String> values = row.values();
            StandardizedRow standardized = prepared.standardize(header, values, row.problem());
            String key = standardized.key();
            if (standardized.rejected()) {
                if (row.problem() != null && key.indexOf('\uFFFD') >= 0) {
                    // the key itself was garbled in reading: which record the row holds is unknown
                    unidentified++;
                } else if (target.snapshot() && !key.isEmpty()) {
                    // the file still holds this record, even if this version of it was refused: a snapshot keeps it
                    seenButRejected.add(key);
                }
                reject(row, standardized.reasons());
                return;
            }
            if (!standardized.flags().isEmpty()) {
                flagged++;
            }
            if (!keysInBatch.add(key)) {
                flush();
                keysInBatch.add(key);
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            for (int i = 0; i < rawNames.size() && i < values.size(); i++) {
                // a field the row does not have (a JSON object without it, an empty cell) is not part of its content
                if (values.get(i) != null) {
                    raw.put(rawNames.get(i), clean(values.get(i)));
                }
            }
            batch.add(new SourceRecordWriter.Input(
                    key,
                    json.writeValueAsString(raw),
                    json.writeValueAsString(standardized.attributes()),
                    json.writeValueAsString(standardized.flags()),
                    ContentHash.of(raw, standardized.attributes())));
            if (batch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        private void reject(Row row, List<String> reasons) {
            rejected++;
            String raw = clean(row.raw());
            if (target.jobId() != null) {
                jobs.reject(target.jobId(), row.number(), raw, reasons);
            } else {
                rejections.add(new Rejection(row.number(), raw, reasons));
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                List<SourceRecordWriter.Input> rows = new ArrayList<>(batch);
                batch.clear();
                // one batch in flight: the next waits, so a key repeated in the file is stored in file order
                awaitWrite();
                if (writerThread == null) {
                    count(write(rows), rows.size());
                } else {
                    inFlightSize = rows.size();
                    inFlight = writerThread.submit(() -> write(rows));
                }
            }
            keysInBatch.clear();
            if (!seenButRejected.isEmpty()) {
                writer.markSeen(target.source().id(), target.type().id(), target.jobId(), seenButRejected);
                seenButRejected.clear();
            }
            listener.onBatch(counts(), reader.bytesRead());
        }

        /** Tells the listener the counts, the batch that was in flight included. */
        void report() {
            listener.onBatch(counts(), reader.bytesRead());
        }

        ImportCounts counts() {
            return new ImportCounts(read, createdCount, updatedCount, unchanged, rejected, flagged, 0);
        }
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
    static String clean(String value) {
        return RowStandardizer.clean(value);
    }
}
