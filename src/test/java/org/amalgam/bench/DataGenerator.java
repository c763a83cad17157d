package org.amalgam.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes realistic department files with ground truth, for Amalgam's import and matching benchmarks: persons or
 * organizations spread over several sources, each source with its own columns and formats, a chosen share of
 * duplicates (within and across sources) and of corrupted records, reproducible from a seed.
 *
 * <p>Streaming and constant memory: every record is a pure function of (seed, entity, copy), so records are
 * generated in a shuffled order straight into buffered writers, and nothing is kept per entity. Run it with
 * {@code --help} for the options; docs/data-generator.md describes the files.
 */
public final class DataGenerator {

    private static final long ENTITY = 0xE7717;
    private static final long COPY = 0xC0B1;

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
        StringBuilder line = new StringBuilder(512);
        StringBuilder field = new StringBuilder(128);
        List<Utf8Output> writers = new ArrayList<>();
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

            long entities = options.entities();
            CopyPlanner planner = new CopyPlanner(
                    entities,
                    options.duplicates(),
                    options.sameSource(),
                    options.sourceWeights(),
                    deduplicated,
                    options.seed());
            int maxCopies = planner.maxCopies();
            int[] plan = new int[maxCopies];
            int[] perSource = new int[sourceCount];
            Draft draft = new Draft(factory.attributes().size());
            int idWidth = Math.max(7, Long.toString(entities).length());
            long seed = options.seed();
            double corruption = options.corruption();
            long pairs = 0;
            long pairsWithinSource = 0;
            long duplicatedEntities = 0;
            long corrupted = 0;

            for (long position = 0, positions = planner.records(); position < positions; position++) {
                long record = planner.record(position);
                long entity = record / maxCopies;
                int copy = (int) (record % maxCopies);
                int extras = planner.extras(entity);
                int copies = planner.plan(entity, extras, plan);
                if (copy >= copies) {
                    continue;
                }
                int source = plan[copy];

                factory.entity(new SplittableRandom(Mix.seed(seed, ENTITY, entity)), draft);
                SplittableRandom random = new SplittableRandom(Mix.seed(seed, COPY, entity, copy));
                if (random.nextDouble() < corruption) {
                    factory.corrupt(random, draft);
                    corrupted++;
                }
                String key = formats[source].key(keyPrefixes[source], ++records[source]);
                formats[source].row(line, field, key, draft, factory);
                writers.get(source).write(line);

                line.setLength(0);
                line.append(sources.get(source))
                        .append(',')
                        .append(key)
                        .append(',')
                        .append(factory.idPrefix());
                String id = Long.toString(entity + 1);
                for (int i = id.length(); i < idWidth; i++) {
                    line.append('0');
                }
                truth.write(line.append(id).append('\n'));

                if (copy == 0 && copies > 1) {
                    duplicatedEntities++;
                    pairs += (long) copies * (copies - 1) / 2;
                    Arrays.fill(perSource, 0);
                    for (int c = 0; c < copies; c++) {
                        pairsWithinSource += perSource[plan[c]]++;
                    }
                }
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
                    entities,
                    total,
                    recordsPerSource,
                    options.formats(),
                    duplicatedEntities,
                    pairs,
                    pairsWithinSource,
                    corrupted,
                    options.seed(),
                    System.nanoTime() - started,
                    CPU.getCurrentThreadCpuTime() - startedCpu,
                    sizes);
        } finally {
            for (Utf8Output writer : writers) {
                try {
                    writer.close();
                } catch (IOException e) {
                    // the first failure is already on its way up
                }
            }
        }
    }
}
