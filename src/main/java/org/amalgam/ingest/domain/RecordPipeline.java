package org.amalgam.ingest.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one inbound pipeline that every way in ends in: map each row to a source key and attributes, standardize and
 * validate the values, and store the rows in batches. A value that fails validation is left out of the standardized
 * record and flagged (it stays in the raw payload); only a missing key or a missing required attribute rejects a row.
 * Each batch is stored in one transaction; a single pushed record gets its golden record in that transaction too, a
 * bulk load's new records get theirs once the load has stored its rows. A bulk load reads, standardizes and stores
 * on several threads at once (see {@code Run}); what it stores, rejects and counts is what one thread would.
 */
@Component
public class RecordPipeline {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordPipeline.class);

    static final int BATCH_SIZE = 10_000;

    /** A batch is stored once it holds this many bytes, even with fewer rows (rows with huge fields). */
    static final long BATCH_BYTES = 64L << 20;

    /** Rows handed to a worker at once; a chunk also ends at {@link #CHUNK_CHARS} characters of rows. */
    static final int CHUNK_SIZE = 500;

    static final long CHUNK_CHARS = 4L << 20;

    /** Chunks with the workers or waiting to be counted, at most. */
    static final int MAX_CHUNKS_IN_FLIGHT = 8;

    /** Batches with the writer (one being stored, one waiting), at most. */
    static final int MAX_BATCHES_IN_FLIGHT = 2;

    static final int MAX_KEY_LENGTH = RowStandardizer.MAX_KEY_LENGTH;

    private final SourceRecordWriter writer;
    private final ImportJobStore jobs;
    private final RowStandardizer rows;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final int workers;

    RecordPipeline(
            SourceRecordWriter writer,
            ImportJobStore jobs,
            RowStandardizer rows,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            JsonMapper json,
            @Value("${amalgam.import.standardize-threads:0}") int workers) {
        // parsing runs on the job's thread and storing on a writer thread; standardizing gets the cores
        this.workers = workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
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
        Run run = new Run(target, reader, listener, stop);
        try {
            while (true) {
                Optional<Row> next;
                try {
                    next = reader.next();
                } catch (UnreadableFileException e) {
                    // the rows before the break are good: store them, so the counts agree with "broken after row N"
                    try {
                        run.drain();
                        run.flush();
                        run.awaitWrites();
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
            run.drain();
            run.flush();
            run.awaitWrites();
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
     * How the rows of a stretch of the file are read: the header as it stood (formats without a header line learn
     * columns as they go), the names of the raw payload's fields, and the standardizing and encoding bound to them
     * (null until the first row that can be taken apart).
     */
    private record Shape(
            List<String> header, List<String> rawNames, RowStandardizer.Prepared prepared, RecordEncoder encoder) {}

    /**
     * What became of one row, worked out on a worker thread and counted on the reading thread in file order: either
     * the record to store, or the rejection (and whether the row's key is unknown, or a snapshot still holds it).
     */
    private record Outcome(
            long number,
            SourceRecordWriter.Input input,
            boolean flagged,
            String raw,
            List<String> reasons,
            boolean unidentified,
            String seenKey) {

        static Outcome stored(SourceRecordWriter.Input input, boolean flagged) {
            return new Outcome(0, input, flagged, null, null, false, null);
        }

        static Outcome rejected(Row row, List<String> reasons, boolean unidentified, String seenKey) {
            return new Outcome(row.number(), null, false, clean(row.raw()), reasons, unidentified, seenKey);
        }
    }

    /** Rows of the file read one after the other, with the shape they were read in, handed to a worker at once. */
    private static final class Chunk {
        final Shape shape;
        final List<Row> rows = new ArrayList<>(CHUNK_SIZE);
        long chars;

        Chunk(Shape shape) {
            this.shape = shape;
        }
    }

    /**
     * Maps, standardizes, validates and encodes one row; touches nothing shared, so the workers run it side by side.
     */
    private Outcome process(Target target, Shape shape, Row row, boolean bulk) {
        if (row.problem() != null && row.values().isEmpty()) {
            // the reader could not take the row apart (a broken JSON line): no key tells which record it holds
            return Outcome.rejected(row, List.of(row.problem()), true, null);
        }
        List<String> values = row.values();
        StandardizedRow standardized = shape.prepared().standardize(shape.header(), values, row.problem());
        String key = standardized.key();
        if (standardized.rejected()) {
            if (row.problem() != null && key.indexOf('\uFFFD') >= 0) {
                // the key itself was garbled in reading: which record the row holds is unknown
                return Outcome.rejected(row, standardized.reasons(), true, null);
            }
            // a snapshot still holds this record, even if this version of it was refused
            String seen = target.snapshot() && !key.isEmpty() ? key : null;
            return Outcome.rejected(row, standardized.reasons(), false, seen);
        }
        SourceRecordWriter.Input input = bulk
                ? shape.encoder().copyRow(key, values, standardized.attributes(), standardized.flags())
                : shape.encoder().input(key, values, standardized.attributes(), standardized.flags());
        return Outcome.stored(input, !standardized.flags().isEmpty());
    }

    /**
     * The state of one run: the bound mapping, the current batch and the counts.
     *
     * <p>A bulk load (a run with a job) is a bounded pipeline: this thread reads and parses the file and hands chunks of
     * rows to {@link #workers} threads, which map, standardize, validate and encode them; it then takes the chunks'
     * outcomes back in file order (rejections with their row numbers, counts, the batch of distinct keys) and hands
     * full batches to one writer thread, which stores them one after the other, in file order. At most {@link
     * #MAX_CHUNKS_IN_FLIGHT} chunks and {@link #MAX_BATCHES_IN_FLIGHT} batches are on their way at any time, so memory
     * does not grow with the file. A single pushed record runs on the caller's thread alone.
     */
    private final class Run {

        private final ExecutorService writerThread;

        /** How a bulk load stores its batches (only ever used on the writer thread); null for a push. */
        private final SourceRecordWriter.BulkLoad bulkLoad;

        private final ExecutorService workerThreads;
        private final ArrayDeque<Future<List<Outcome>>> chunksInFlight = new ArrayDeque<>();
        private final ArrayDeque<Future<SourceRecordWriter.Result>> writesInFlight = new ArrayDeque<>();
        private final ArrayDeque<Integer> writeSizes = new ArrayDeque<>();
        private Chunk chunk;

        private final Target target;
        private final TabularReader reader;
        private final ProgressListener listener;
        private final BooleanSupplier stop;
        private final boolean bulk;
        private final List<SourceRecordWriter.Input> batch = new ArrayList<>(BATCH_SIZE);
        private long batchBytes;
        private final Set<String> keysInBatch = new HashSet<>();
        private final List<Long> created = new ArrayList<>();
        private final List<Long> updated = new ArrayList<>();
        private long createdCount;
        private long updatedCount;
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<String> seenButRejected = new ArrayList<>();
        private Shape shape;
        private long read;
        private long unchanged;
        private long rejected;
        private long unidentified;
        private long flagged;

        Run(Target target, TabularReader reader, ProgressListener listener, BooleanSupplier stop) {
            this.target = target;
            this.reader = reader;
            this.listener = listener;
            this.stop = stop;
            this.bulk = target.jobId() != null;
            this.writerThread =
                    bulk ? Executors.newSingleThreadExecutor(named("import-writer-" + target.jobId())) : null;
            this.bulkLoad = bulk
                    ? writer.bulkLoad(target.source().id(), target.type().id(), target.jobId(), target.snapshot())
                    : null;
            this.workerThreads =
                    bulk ? Executors.newFixedThreadPool(workers, named("import-standardize-" + target.jobId())) : null;
        }

        private static java.util.concurrent.ThreadFactory named(String prefix) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, prefix + "-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }

        /** Takes the next row of the file: a push is run through at once, a bulk load's goes to the next chunk. */
        void accept(Row row) {
            if (!(row.problem() != null && row.values().isEmpty())) {
                if (shape == null || shape.prepared() == null) {
                    List<String> header = headerNow();
                    Mapping.Bound bound;
                    try {
                        bound = target.mapping().bind(header, target.type());
                    } catch (RuntimeException e) {
                        // the mapping does not fit the file: the rows rejected before this one are recorded first
                        if (bulk) {
                            drain();
                        }
                        throw e;
                    }
                    shape = shape(
                            header,
                            rows.prepare(target.type(), bound, target.source().phoneRegion()));
                } else if (reader.header().size() != shape.header().size()) {
                    // formats without a header line (JSON) learn new columns as they go
                    shape = shape(headerNow(), shape.prepared());
                }
            } else if (shape == null) {
                shape = new Shape(List.of(), List.of(), null, null);
            }
            if (!bulk) {
                count(process(target, shape, row, false));
                return;
            }
            if (chunk != null && chunk.shape != shape) {
                submit();
            }
            if (chunk == null) {
                chunk = new Chunk(shape);
            }
            chunk.rows.add(row);
            chunk.chars += row.raw() == null ? 0 : row.raw().length();
            if (chunk.rows.size() >= CHUNK_SIZE || chunk.chars >= CHUNK_CHARS) {
                submit();
            }
        }

        /** The reader's header as it stands now; later columns do not change what earlier rows were read with. */
        private List<String> headerNow() {
            return java.util.Collections.unmodifiableList(new ArrayList<>(reader.header()));
        }

        private Shape shape(List<String> header, RowStandardizer.Prepared prepared) {
            List<String> rawNames = uniqueNames(header);
            List<String> attributeNames = target.type().attributes().stream()
                    .map(org.amalgam.model.AttributeDefinition::name)
                    .toList();
            return new Shape(header, rawNames, prepared, new RecordEncoder(rawNames, attributeNames, json));
        }

        /** Hands the current chunk to a worker; takes back what the workers finished, waiting while too many are out. */
        private void submit() {
            Chunk full = chunk;
            chunk = null;
            chunksInFlight.add(workerThreads.submit(() -> {
                List<Outcome> outcomes = new ArrayList<>(full.rows.size());
                for (Row row : full.rows) {
                    outcomes.add(process(target, full.shape, row, true));
                }
                return outcomes;
            }));
            while (!chunksInFlight.isEmpty()
                    && (chunksInFlight.size() > MAX_CHUNKS_IN_FLIGHT
                            || chunksInFlight.peek().isDone())) {
                countChunk(chunksInFlight.poll());
            }
        }

        /** Takes back every row handed out, in file order. */
        void drain() {
            if (chunk != null && !chunk.rows.isEmpty()) {
                submit();
            }
            while (!chunksInFlight.isEmpty()) {
                countChunk(chunksInFlight.poll());
            }
        }

        private void countChunk(Future<List<Outcome>> done) {
            for (Outcome outcome : await(done, "a chunk of rows was standardized")) {
                count(outcome);
            }
        }

        /** Counts one row in file order: a rejection is recorded, a record joins the batch. */
        private void count(Outcome outcome) {
            if (outcome.input() == null) {
                read++;
                if (outcome.unidentified()) {
                    unidentified++;
                } else if (outcome.seenKey() != null) {
                    seenButRejected.add(outcome.seenKey());
                }
                rejected++;
                if (target.jobId() != null) {
                    jobs.reject(target.jobId(), outcome.number(), outcome.raw(), outcome.reasons());
                } else {
                    rejections.add(new Rejection(outcome.number(), outcome.raw(), outcome.reasons()));
                }
                return;
            }
            SourceRecordWriter.Input input = outcome.input();
            if (!keysInBatch.add(input.sourceKey())) {
                // a key repeated in the file: the batch so far is stored first, so its versions come in file order
                flushMidFile();
                keysInBatch.add(input.sourceKey());
            }
            read++;
            if (outcome.flagged()) {
                flagged++;
            }
            batch.add(input);
            batchBytes += input.copyRow() != null
                    ? input.copyRow().length
                    : input.rawJson().length() + input.attributesJson().length();
            if (batch.size() >= BATCH_SIZE || batchBytes >= BATCH_BYTES) {
                flushMidFile();
            }
        }

        /**
         * Stores the batch, and stops right there when asked to (a cancel is learnt with the progress a flush reports):
         * the rows counted so far are then exactly those stored, as when one thread read a row at a time.
         */
        private void flushMidFile() {
            flush();
            if (bulk && stop.getAsBoolean()) {
                throw new Stopped();
            }
        }

        private <T> T await(Future<T> future, String what) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + what, e);
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

        /** Waits for the oldest batch in flight and counts it; its failure is the run's failure. */
        private void awaitOldestWrite() {
            Future<SourceRecordWriter.Result> pending = writesInFlight.poll();
            int size = writeSizes.poll();
            countStored(await(pending, "a batch was stored"), size);
        }

        /** Waits for every batch in flight. */
        void awaitWrites() {
            while (!writesInFlight.isEmpty()) {
                awaitOldestWrite();
            }
        }

        /**
         * Lets the batches in flight finish (what was read before a failure or a stop is stored), drops the rows still
         * with the workers, and ends the threads.
         */
        void close() {
            if (writerThread == null) {
                return;
            }
            try {
                for (Future<List<Outcome>> pending : chunksInFlight) {
                    pending.cancel(true);
                }
                chunksInFlight.clear();
                workerThreads.shutdownNow();
                if (!writesInFlight.isEmpty()) {
                    // a stop or a failure while batches were in flight: their rows are stored, and counted
                    awaitWrites();
                    report();
                }
            } catch (RuntimeException e) {
                log.debug("The last batch of import {} was not stored", target.jobId(), e);
            } finally {
                workerThreads.shutdownNow();
                writerThread.shutdownNow();
            }
        }

        private SourceRecordWriter.Result write(List<SourceRecordWriter.Input> rows) {
            return transaction.execute(status -> {
                if (bulkLoad != null) {
                    // new keys are copied straight in; a snapshot's records are marked as seen as they are stored
                    SourceRecordWriter.Result stored = bulkLoad.store(rows);
                    published(stored);
                    return stored;
                }
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
                published(stored);
                return stored;
            });
        }

        /** Tells the matching which records a batch created or changed. */
        private void published(SourceRecordWriter.Result stored) {
            if (!stored.created().isEmpty() || !stored.updated().isEmpty()) {
                events.publishEvent(
                        new SourceRecordsStored(target.jobId(), target.type().id(), stored.changed()));
            }
        }

        private void countStored(SourceRecordWriter.Result result, int size) {
            createdCount += result.created().size();
            updatedCount += result.updated().size();
            if (target.jobId() == null) {
                // a pushed record's caller wants to know which records changed; a bulk load only counts them
                created.addAll(result.created());
                updated.addAll(result.updated());
            }
            unchanged += size - result.created().size() - result.updated().size();
        }

        void flush() {
            if (!batch.isEmpty()) {
                List<SourceRecordWriter.Input> rows = new ArrayList<>(batch);
                batch.clear();
                batchBytes = 0;
                if (writerThread == null) {
                    countStored(write(rows), rows.size());
                } else {
                    // the writer stores the batches one after the other, in file order, so a key repeated in the
                    // file gets its versions in file order; a full queue makes the reading wait
                    while (writesInFlight.size() >= MAX_BATCHES_IN_FLIGHT) {
                        awaitOldestWrite();
                    }
                    writesInFlight.add(writerThread.submit(() -> write(rows)));
                    writeSizes.add(rows.size());
                }
            }
            keysInBatch.clear();
            if (!seenButRejected.isEmpty()) {
                writer.markSeen(target.source().id(), target.type().id(), target.jobId(), seenButRejected);
                seenButRejected.clear();
            }
            listener.onBatch(counts(), reader.bytesRead());
        }

        /** Tells the listener the counts, the batches that were in flight included. */
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
