package org.amalgam.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes realistic department files with ground truth, for Amalgam's import and matching benchmarks: persons or
 * organizations spread over several sources, each source with its own columns and formats, a chosen share of
 * duplicates (within and across sources) and of corrupted records, reproducible from a seed.
 *
 * <p>Streaming in constant memory: every record is a pure function of (seed, entity, copy), so nothing is kept per
 * entity. Worker threads turn blocks of consecutive output positions into encoded rows; this thread takes the
 * blocks in order, gives each record the next key of its source and writes it and its ground-truth row. The files
 * therefore do not depend on the number of threads. Run it with {@code --help} for the options;
 * docs/data-generator.md describes the files.
 */
public final class DataGenerator {

    private static final long ENTITY = 0xE7717;
    private static final long COPY = 0xC0B1;
    private static final int BLOCK = 4096;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DataGenerator() {}

    public static void main(String[] args) throws IOException {
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(GeneratorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(GeneratorOptions.USAGE);
            return;
        }
        System.out.print(generate(options).describe());
    }

    static GenerationSummary generate(GeneratorOptions options) throws IOException {
        long started = System.nanoTime();
        long startedCpu = CPU.getCurrentThreadCpuTime();
        List<Country> countries = options.countries().stream().map(Country::of).toList();
        Picker<Country> countryPicker = Picker.weighted(
                countries, countries.stream().mapToDouble(c -> c.personWeight).toArray());
        EntityFactory factory = options.type().equals("person")
                ? new PersonFactory(countryPicker)
                : new OrganizationFactory(countryPicker);
        String type = factory.type();
        Path out = options.out();
        Files.createDirectories(out);

        List<String> sources = options.sources();
        int sourceCount = sources.size();
        SourceFormat[] formats = new SourceFormat[sourceCount];
        String[] keyPrefixes = new String[sourceCount];
        Path[] files = new Path[sourceCount];
        long[] records = new long[sourceCount];
        long deduplicated = 0;
        StringBuilder line = new StringBuilder(256);
        List<Utf8Output> writers = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(options.threads(), new Workers());
        try {
            for (int s = 0; s < sourceCount; s++) {
                String source = sources.get(s);
                formats[s] = SourceFormat.of(options.formats().get(s));
                String prefix = Text.upper(source).replaceAll("[^A-Z0-9]", "");
                keyPrefixes[s] = prefix.isEmpty() ? "S" + s : prefix.substring(0, Math.min(8, prefix.length()));
                files[s] = out.resolve(type + "-" + source + ".csv");
                writers.add(new Utf8Output(files[s]));
                formats[s].header(line, factory);
                writers.get(s).write(line);
                Files.writeString(
                        out.resolve(type + "-" + source + ".mapping.json"),
                        formats[s].mapping(factory),
                        StandardCharsets.UTF_8);
                if (options.deduplicated().contains(source)) {
                    deduplicated |= 1L << s;
                }
            }
            Path truthFile = out.resolve(type + "-truth.csv");
            Utf8Output truth = new Utf8Output(truthFile);
            writers.add(truth);
            line.setLength(0);
            truth.write(line.append("source,source_key,entity_id\n"));

            CopyPlanner planner = new CopyPlanner(
                    options.entities(),
                    options.duplicates(),
                    options.sameSource(),
                    options.sourceWeights(),
                    deduplicated,
                    options.seed());
            Generation generation = new Generation(factory, formats, planner, options.seed(), options.corruption());
            int idWidth = Math.max(7, Long.toString(options.entities()).length());
            Block totals = new Block(0);
            long blocks = (planner.records() + BLOCK - 1) / BLOCK;
            ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
            long submitted = 0;
            while (submitted < blocks && pending.size() < 3 * options.threads()) {
                pending.add(workers.submit(generation.block(submitted++)));
            }
            while (!pending.isEmpty()) {
                Block block = await(pending.poll());
                if (submitted < blocks) {
                    pending.add(workers.submit(generation.block(submitted++)));
                }
                for (int i = 0, from = 0; i < block.count; i++) {
                    int source = block.sources[i];
                    String key = formats[source].key(keyPrefixes[source], ++records[source]);
                    Utf8Output writer = writers.get(source);
                    line.setLength(0);
                    formats[source].key(line, key);
                    writer.write(line);
                    writer.write(block.rows, from, block.rowEnds[i]);
                    from = block.rowEnds[i];

                    line.setLength(0);
                    line.append(sources.get(source)).append(',').append(key).append(',');
                    line.append(factory.idPrefix());
                    String id = Long.toString(block.entities[i] + 1);
                    for (int pad = id.length(); pad < idWidth; pad++) {
                        line.append('0');
                    }
                    truth.write(line.append(id).append('\n'));
                }
                totals.add(block);
            }
            for (Utf8Output writer : writers) {
                writer.close();
            }
            writers.clear();

            Map<String, Long> recordsPerSource = new LinkedHashMap<>();
            Map<Path, Long> sizes = new LinkedHashMap<>();
            long total = 0;
            for (int s = 0; s < sourceCount; s++) {
                recordsPerSource.put(sources.get(s), records[s]);
                sizes.put(files[s], Files.size(files[s]));
                total += records[s];
            }
            sizes.put(truthFile, Files.size(truthFile));
            return new GenerationSummary(
                    type,
                    options.entities(),
                    total,
                    recordsPerSource,
                    options.formats(),
                    totals.duplicatedEntities,
                    totals.pairs,
                    totals.pairsWithinSource,
                    totals.corrupted,
                    options.seed(),
                    options.threads(),
                    System.nanoTime() - started,
                    CPU.getCurrentThreadCpuTime() - startedCpu + totals.cpuNanos,
                    sizes);
        } finally {
            workers.shutdownNow();
            for (Utf8Output writer : writers) {
                try {
                    writer.close();
                } catch (IOException e) {
                    // the first failure is already on its way up
                }
            }
        }
    }

    private static Block await(Future<Block> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What every block needs to know; shared by the workers, read-only. */
    private record Generation(
            EntityFactory factory, SourceFormat[] formats, CopyPlanner planner, long seed, double corruption) {

        /** Generates the records at output positions {@code [index × BLOCK, (index + 1) × BLOCK)}. */
        Callable<Block> block(long index) {
            return () -> {
                long cpu = CPU.getCurrentThreadCpuTime();
                long first = index * BLOCK;
                long last = Math.min(planner.records(), first + BLOCK);
                Block block = new Block((int) (last - first));
                Draft draft = new Draft(factory.attributes().size());
                StringBuilder line = new StringBuilder(256);
                StringBuilder field = new StringBuilder(64);
                int maxCopies = planner.maxCopies();
                int[] plan = new int[maxCopies];
                int[] perSource = new int[formats.length];
                for (long position = first; position < last; position++) {
                    long record = planner.record(position);
                    long entity = record / maxCopies;
                    int copy = (int) (record % maxCopies);
                    int copies = planner.plan(entity, planner.extras(entity), plan);
                    if (copy >= copies) {
                        continue;
                    }
                    int source = plan[copy];
                    factory.entity(new SplittableRandom(Mix.seed(seed, ENTITY, entity)), draft);
                    SplittableRandom random = new SplittableRandom(Mix.seed(seed, COPY, entity, copy));
                    if (random.nextDouble() < corruption) {
                        factory.corrupt(random, draft);
                        block.corrupted++;
                    }
                    line.setLength(0);
                    formats[source].fields(line, field, draft, factory);
                    block.add(source, entity, line);
                    if (copy == 0 && copies > 1) {
                        block.duplicatedEntities++;
                        block.pairs += (long) copies * (copies - 1) / 2;
                        Arrays.fill(perSource, 0);
                        for (int c = 0; c < copies; c++) {
                            block.pairsWithinSource += perSource[plan[c]]++;
                        }
                    }
                }
                block.cpuNanos = CPU.getCurrentThreadCpuTime() - cpu;
                return block;
            };
        }
    }

    /** The encoded rows (everything after the key) of up to {@link #BLOCK} consecutive records, and their counts. */
    private static final class Block {

        final Utf8Output rows;
        final int[] sources;
        final long[] entities;
        final int[] rowEnds;
        int count;
        long corrupted;
        long duplicatedEntities;
        long pairs;
        long pairsWithinSource;
        long cpuNanos;

        Block(int capacity) {
            rows = new Utf8Output(capacity * 160);
            sources = new int[capacity];
            entities = new long[capacity];
            rowEnds = new int[capacity];
        }

        void add(int source, long entity, CharSequence row) {
            try {
                rows.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sources[count] = source;
            entities[count] = entity;
            rowEnds[count++] = rows.size();
        }

        void add(Block other) {
            corrupted += other.corrupted;
            duplicatedEntities += other.duplicatedEntities;
            pairs += other.pairs;
            pairsWithinSource += other.pairsWithinSource;
            cpuNanos += other.cpuNanos;
        }
    }

    /** Daemon threads, so a failed run never keeps the JVM (or Maven's exec:java) alive. */
    private static final class Workers implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "data-generator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
