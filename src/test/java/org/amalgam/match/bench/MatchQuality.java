package org.amalgam.match.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.amalgam.match.engine.BulkClusterer;
import org.amalgam.match.engine.BulkResult;
import org.amalgam.match.engine.BulkStatistics;
import org.amalgam.match.engine.CappedBlock;
import org.amalgam.match.engine.Constraints;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.MatchWeights;
import org.amalgam.match.engine.PreparedRecord;
import org.amalgam.match.engine.RecordPreparer;
import org.amalgam.match.engine.ResultCluster;
import org.amalgam.match.engine.WeightEstimator;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.standardize.StandardizationContext;
import org.amalgam.standardize.Standardized;
import org.amalgam.standardize.Standardizers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Measures the matching engine on public benchmark datasets: standardizes every column with the hub's standardizers,
 * estimates the weights by EM (no labels), bulk-clusters, and prints pairwise precision, recall and F1 over the
 * clusters, the blocking's pair completeness, candidate pairs, the largest cluster and the times. See
 * docs/matching.md for the command.
 *
 * <p>Arguments: dataset names ({@code febrl3 febrl4 fake1000 historical50k dblp-acm}), and {@code generated=DIR} for
 * the data generator's person files. {@code -Dmatch.datasets=DIR} overrides {@code ../shared/datasets}, {@code
 * -Dmatch.threads=N} the worker threads, {@code -Dmatch.weights=true} prints the weight tables.
 */
public final class MatchQuality {

    private static final Standardizers STANDARDIZERS = new Standardizers();

    private MatchQuality() {}

    /** Records with the entity each belongs to. */
    public record Dataset(
            String name,
            MatchSettings settings,
            RecordPreparer preparer,
            List<PreparedRecord> records,
            int[] truth,
            double prepareSeconds) {}

    /** The figures of one dataset. */
    record Quality(
            String dataset,
            int records,
            long truePairs,
            long foundPairs,
            long correctPairs,
            double pairCompleteness,
            long candidatePairs,
            int largestCluster,
            int clusters,
            int trueClusters,
            BulkStatistics statistics,
            double estimateSeconds,
            double prepareSeconds) {

        double precision() {
            return foundPairs == 0 ? 1 : correctPairs / (double) foundPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : correctPairs / (double) truePairs;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(System.getProperty("match.datasets", "../shared/datasets"));
        int threads = Integer.getInteger("match.threads", Runtime.getRuntime().availableProcessors());
        List<Quality> results = new ArrayList<>();
        for (String arg :
                args.length == 0 ? new String[] {"febrl3", "febrl4", "fake1000", "historical50k", "dblp-acm"} : args) {
            Dataset dataset = load(arg, datasets);
            Quality quality = measure(dataset, threads);
            results.add(quality);
            print(quality);
        }
        System.out.println();
        System.out.println(
                "| dataset | records | precision | recall | F1 | pair completeness | candidate pairs | largest cluster | clusters (truth) | estimate | bulk |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Quality q : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d | %.4f | %.4f | %.4f | %.4f | %,d | %d | %,d (%,d) | %.1f s | %.1f s |%n",
                    q.dataset(),
                    q.records(),
                    q.precision(),
                    q.recall(),
                    q.f1(),
                    q.pairCompleteness(),
                    q.candidatePairs(),
                    q.largestCluster(),
                    q.clusters(),
                    q.trueClusters(),
                    q.estimateSeconds(),
                    q.statistics().total().toMillis() / 1000.0);
        }
    }

    static Quality measure(Dataset dataset, int threads) {
        RecordPreparer preparer = tuned(dataset.preparer());
        List<PreparedRecord> prepared = dataset.records();
        int[] truth = dataset.truth();
        Map<Long, Integer> indexOfId = new HashMap<>();
        for (int i = 0; i < prepared.size(); i++) {
            indexOfId.put(prepared.get(i).id(), i);
        }
        long[] idsByIndex = prepared.stream().mapToLong(PreparedRecord::id).toArray();
        boolean sequential = true;
        for (int i = 0; i < idsByIndex.length; i++) {
            sequential &= idsByIndex[i] == i;
        }
        if (sequential) {
            indexOfId = Map.of();
        }
        Set<Long> truePairsCompared = ConcurrentHashMap.newKeySet();
        boolean seq = sequential;
        Map<Long, Integer> indexes = indexOfId;
        BulkClusterer.PairObserver observer = (a, b, bits) -> {
            int x = seq ? (int) a : indexes.get(a);
            int y = seq ? (int) b : indexes.get(b);
            if (truth[x] == truth[y]) {
                truePairsCompared.add(x < y ? ((long) x << 32) | y : ((long) y << 32) | x);
            }
        };
        System.gc();
        long heapBefore = usedHeap();
        resetPeaks();
        long cpuStart = cpu();
        long wallStart = System.nanoTime();
        // weights and clusters in one pass over one block index, as the hub's bulk load does
        BulkClusterer.Estimated estimated = BulkClusterer.estimateAndCluster(
                preparer,
                prepared,
                WeightEstimator.Options.defaults().withThreads(threads),
                BulkClusterer.Options.defaults().withThreads(threads).withObserver(observer),
                Map.of(),
                Constraints.none());
        long wall = System.nanoTime() - wallStart;
        long cpuClustered = cpu();
        long peak = peakHeap();
        MatchWeights weights = estimated.weights();
        BulkResult result = estimated.result();
        if (Boolean.getBoolean("match.weights")) {
            System.out.println(weights);
            System.out.println(weights.estimation());
        }
        System.out.printf(
                Locale.ROOT,
                "%s: estimate and cluster %.1f s wall, %.1f s CPU (all threads); heap: %,d MB before (records), peak %,d MB%n",
                dataset.name(),
                wall / 1e9,
                (cpuClustered - cpuStart) / 1e9,
                heapBefore >> 20,
                peak >> 20);
        System.out.println(
                dataset.name() + ": adjusted weights " + weights.estimation().get("adjusted"));

        Map<Integer, Integer> entitySizes = new HashMap<>();
        for (int label : truth) {
            entitySizes.merge(label, 1, Integer::sum);
        }
        long truePairs = 0;
        for (int size : entitySizes.values()) {
            truePairs += (long) size * (size - 1) / 2;
        }
        // the recall a perfect clustering of the candidate pairs could reach: true pairs connected by compared true
        // pairs
        int[] parent = new int[truth.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (long pair : truePairsCompared) {
            int x = find(parent, (int) (pair >>> 32));
            int y = find(parent, (int) pair);
            if (x != y) {
                parent[x] = y;
            }
        }
        Map<Integer, Integer> components = new HashMap<>();
        for (int i = 0; i < parent.length; i++) {
            components.merge(find(parent, i), 1, Integer::sum);
        }
        long reachable = 0;
        for (int size : components.values()) {
            reachable += (long) size * (size - 1) / 2;
        }
        System.out.printf(
                Locale.ROOT,
                "%s: recall reachable through compared true pairs %.4f%n",
                dataset.name(),
                truePairs == 0 ? 1 : reachable / (double) truePairs);
        long found = 0;
        long correct = 0;
        int largest = 0;
        for (ResultCluster cluster : result.clusters()) {
            long size = cluster.size();
            largest = Math.max(largest, cluster.size());
            found += size * (size - 1) / 2;
            Map<Integer, Integer> labels = new HashMap<>();
            for (long id : cluster.recordIds()) {
                labels.merge(truth[seq ? (int) id : indexOfId.get(id)], 1, Integer::sum);
            }
            for (int count : labels.values()) {
                correct += (long) count * (count - 1) / 2;
            }
        }
        return new Quality(
                dataset.name(),
                prepared.size(),
                truePairs,
                found,
                correct,
                truePairs == 0 ? 1 : truePairsCompared.size() / (double) truePairs,
                result.statistics().candidatePairs(),
                largest,
                result.clusters().size(),
                entitySizes.size(),
                result.statistics(),
                estimated.estimating().toMillis() / 1000.0,
                dataset.prepareSeconds());
    }

    /**
     * For experiments: -Dmatch.same, -Dmatch.possible, -Dmatch.agreement, -Dmatch.contradiction and -Dmatch.caps
     * (key:cap[:window],...) override the settings.
     */
    public static RecordPreparer tuned(RecordPreparer preparer) {
        MatchSettings settings = preparer.settings();
        String same = System.getProperty("match.same");
        String possible = System.getProperty("match.possible");
        if (same != null || possible != null) {
            settings = settings.withThresholds(new org.amalgam.match.engine.Thresholds(
                    same == null ? settings.thresholds().same() : Double.parseDouble(same),
                    possible == null ? settings.thresholds().possible() : Double.parseDouble(possible)));
        }
        String agreement = System.getProperty("match.agreement");
        String contradiction = System.getProperty("match.contradiction");
        if (agreement != null || contradiction != null) {
            settings = settings.withClustering(new org.amalgam.match.engine.ClusteringSettings(
                    agreement == null ? settings.clustering().agreement() : Double.parseDouble(agreement),
                    contradiction == null ? settings.clustering().contradiction() : Double.parseDouble(contradiction)));
        }
        String caps = System.getProperty("match.caps"); // e.g. last_name:20,first_name:20 (key:cap[:window])
        if (caps != null && !caps.isBlank()) {
            Map<String, String[]> wanted = new HashMap<>();
            for (String item : caps.split(",")) {
                String[] parts = item.strip().split(":");
                wanted.put(parts[0], parts);
            }
            List<org.amalgam.match.engine.BlockingKeyDefinition> keys = new ArrayList<>();
            for (org.amalgam.match.engine.BlockingKeyDefinition key : settings.blockingKeys()) {
                String[] change = wanted.get(key.name());
                keys.add(
                        change == null
                                ? key
                                : new org.amalgam.match.engine.BlockingKeyDefinition(
                                        key.name(),
                                        key.parts(),
                                        key.unordered(),
                                        key.split(),
                                        Integer.parseInt(change[1]),
                                        change.length > 2 ? Integer.parseInt(change[2]) : key.window()));
            }
            settings = settings.withBlockingKeys(keys, settings.blockCap());
        }
        return settings == preparer.settings() ? preparer : new RecordPreparer(settings);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long usedHeap() {
        java.lang.management.MemoryUsage heap =
                java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static void resetPeaks() {
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks}: an upper bound of the heap in use at once. */
    private static long peakHeap() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's CPU time in nanoseconds (all threads): the machine is shared, so wall time is not enough. */
    static long cpu() {
        java.lang.management.OperatingSystemMXBean bean =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static void print(Quality q) {
        BulkStatistics s = q.statistics();
        System.out.printf(
                Locale.ROOT,
                "%s: %,d records, %,d true pairs; P %.4f R %.4f F1 %.4f; pair completeness %.4f; %,d candidate pairs, "
                        + "%,d group comparisons; largest cluster %d; %,d clusters (truth %,d); prepare %.2f s, "
                        + "estimate %.2f s, bulk %.2f s (blocking %.2f, scoring %.2f, clustering %.2f); capped blocks %d%n",
                q.dataset(),
                q.records(),
                q.truePairs(),
                q.precision(),
                q.recall(),
                q.f1(),
                q.pairCompleteness(),
                q.candidatePairs(),
                s.groupComparisons(),
                q.largestCluster(),
                q.clusters(),
                q.trueClusters(),
                q.prepareSeconds(),
                q.estimateSeconds(),
                s.total().toMillis() / 1000.0,
                s.blocking().toMillis() / 1000.0,
                s.scoring().toMillis() / 1000.0,
                s.clustering().toMillis() / 1000.0,
                s.cappedBlocks().size());
        System.out.println("  pairs per key: " + s.pairsPerKey());
        for (CappedBlock block :
                s.cappedBlocks().subList(0, Math.min(5, s.cappedBlocks().size()))) {
            System.out.printf(
                    Locale.ROOT,
                    "  capped block %s: %d records, %d sub-blocks, %d windowed%n",
                    block.key(),
                    block.size(),
                    block.subBlocks(),
                    block.windowedRecords());
        }
    }

    // ---------------------------------------------------------------- datasets

    public static Dataset load(String name, Path datasets) throws IOException {
        long start = System.nanoTime();
        Dataset dataset;
        if (name.startsWith("generated=")) {
            dataset = generated(Path.of(name.substring("generated=".length())));
        } else {
            dataset = switch (name) {
                case "febrl1", "febrl2", "febrl3" ->
                    febrl(name, List.of(datasets.resolve("febrl/dataset" + name.charAt(5) + ".csv")), false);
                case "febrl4" ->
                    febrl(
                            name,
                            List.of(datasets.resolve("febrl/dataset4a.csv"), datasets.resolve("febrl/dataset4b.csv")),
                            true);
                case "fake1000" -> fake1000(datasets.resolve("splink-fake1000/fake_1000.csv"));
                case "historical50k" ->
                    historical(datasets.resolve("splink-historical50k/historical_figures_with_errors_50k.csv.gz"));
                case "dblp-acm" -> dblpAcm(datasets.resolve("dblp-acm"));
                default ->
                    throw new IllegalArgumentException("unknown dataset '" + name
                            + "'; use febrl3, febrl4, fake1000, historical50k, dblp-acm or generated=DIR");
            };
        }
        System.out.printf(
                Locale.ROOT,
                "%s: loaded, standardized and prepared %,d records in %.1f s (preparing %.1f s)%n",
                dataset.name(),
                dataset.records().size(),
                (System.nanoTime() - start) / 1e9,
                dataset.prepareSeconds());
        return dataset;
    }

    /** Standardizes and prepares records as they are read, and collects their truth labels. */
    static final class Builder {
        final MatchSettings settings;
        final RecordPreparer preparer;
        final Map<String, String> types = new HashMap<>();
        final List<PreparedRecord> records = new ArrayList<>();
        final List<Integer> truth = new ArrayList<>();
        final Map<String, Integer> labels = new HashMap<>();
        long prepareNanos;

        Builder(List<AttributeDefinition> attributes, MatchSettings settings) {
            // the experiments' overrides (-Dmatch.caps …) before preparing: keys are part of the prepared layout
            this.preparer = tuned(new RecordPreparer(settings));
            this.settings = preparer.settings();
            for (AttributeDefinition attribute : attributes) {
                types.put(attribute.name(), attribute.type());
            }
        }

        /** Standardizes raw values (attribute → raw) as the hub would, and adds the record. */
        void add(
                long sourceId,
                boolean deduplicated,
                Map<String, String> raw,
                Map<String, String> formats,
                String entity) {
            Map<String, String> standardized = new HashMap<>();
            StandardizationContext context = StandardizationContext.NONE;
            String country = raw.get("country");
            if (country != null && !country.isBlank()) {
                context = context.withCountry(country);
            }
            for (Map.Entry<String, String> entry : raw.entrySet()) {
                String value = entry.getValue();
                if (value == null || value.isBlank()) {
                    continue;
                }
                String type = types.get(entry.getKey());
                if (type == null) {
                    continue;
                }
                Standardized result = STANDARDIZERS.standardize(type, formats.get(entry.getKey()), value, context);
                if (result.hasValue()) {
                    standardized.put(entry.getKey(), result.value());
                }
            }
            long start = System.nanoTime();
            records.add(preparer.prepare(new MatchRecord(records.size(), sourceId, deduplicated, standardized)));
            prepareNanos += System.nanoTime() - start;
            truth.add(labels.computeIfAbsent(entity, e -> labels.size()));
        }

        Dataset build(String name) {
            return new Dataset(
                    name,
                    settings,
                    preparer,
                    records,
                    truth.stream().mapToInt(Integer::intValue).toArray(),
                    prepareNanos / 1e9);
        }
    }

    private static CSVParser csv(Reader reader, boolean trim) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(trim)
                .setIgnoreSurroundingSpaces(trim)
                .get()
                .parse(reader);
    }

    private static Reader reader(Path file, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new InputStreamReader(in, charset);
    }

    private static Dataset febrl(String name, List<Path> files, boolean deduplicated) throws IOException {
        Builder builder = new Builder(BuiltInTypes.PERSON, MatchSettings.defaults("person", BuiltInTypes.PERSON));
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("given_name", "first_name");
        columns.put("surname", "last_name");
        columns.put("street_number", "house_number");
        columns.put("address_1", "street");
        columns.put("suburb", "city");
        columns.put("postcode", "postal_code");
        columns.put("state", "state");
        columns.put("date_of_birth", "birth_date");
        columns.put("soc_sec_id", "national_id");
        Map<String, String> formats = Map.of("birth_date", "yyyyMMdd");
        for (int f = 0; f < files.size(); f++) {
            try (Reader reader = reader(files.get(f), StandardCharsets.UTF_8);
                    CSVParser parser = csv(reader, true)) {
                for (CSVRecord row : parser) {
                    Map<String, String> raw = new HashMap<>();
                    columns.forEach((column, attribute) -> raw.put(attribute, row.get(column)));
                    String id = row.get("rec_id");
                    String entity = id.split("-")[1];
                    builder.add(f + 1, deduplicated, raw, formats, entity);
                }
            }
        }
        return builder.build(name);
    }

    private static Dataset fake1000(Path file) throws IOException {
        Builder builder = new Builder(BuiltInTypes.PERSON, MatchSettings.defaults("person", BuiltInTypes.PERSON));
        try (Reader reader = reader(file, StandardCharsets.UTF_8);
                CSVParser parser = csv(reader, true)) {
            for (CSVRecord row : parser) {
                Map<String, String> raw = new HashMap<>();
                raw.put("first_name", row.get("first_name"));
                raw.put("last_name", row.get("surname"));
                raw.put("birth_date", row.get("dob"));
                raw.put("city", row.get("city"));
                raw.put("email", row.get("email"));
                builder.add(1, false, raw, Map.of(), row.get("cluster"));
            }
        }
        return builder.build("fake1000");
    }

    private static Dataset historical(Path file) throws IOException {
        Builder builder = new Builder(BuiltInTypes.PERSON, MatchSettings.defaults("person", BuiltInTypes.PERSON));
        try (Reader reader = reader(file, StandardCharsets.UTF_8);
                CSVParser parser = csv(reader, true)) {
            for (CSVRecord row : parser) {
                Map<String, String> raw = new HashMap<>();
                raw.put("first_name", row.get("first_name"));
                raw.put("last_name", row.get("surname"));
                raw.put("birth_date", row.get("dob"));
                raw.put("city", row.get("birth_place"));
                raw.put("postal_code", row.get("postcode_fake"));
                raw.put("gender", row.get("gender"));
                builder.add(1, false, raw, Map.of(), row.get("cluster"));
            }
        }
        return builder.build("historical50k");
    }

    /** The publication model of docs/examples/publication.yaml. */
    @SuppressWarnings("unchecked")
    static Dataset dblpAcm(Path directory) throws IOException {
        Map<String, Object> model =
                YAMLMapper.builder().build().readValue(publicationModel().toFile(), Map.class);
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object attribute : (List<Object>) model.get("attributes")) {
            Map<String, Object> map = (Map<String, Object>) attribute;
            attributes.add(BuiltInTypes.attribute((String) map.get("name"), (String) map.get("type")));
        }
        MatchSettings settings = MatchSettings.parse((Map<String, Object>) model.get("match"), attributes)
                .orElseThrow();
        Builder builder = new Builder(attributes, settings);
        Map<String, String> entityOf = new HashMap<>();
        try (Reader reader = reader(directory.resolve("DBLP-ACM_perfectMapping.csv"), StandardCharsets.UTF_8);
                CSVParser parser = csv(reader, true)) {
            for (CSVRecord row : parser) {
                String entity = "E" + parser.getCurrentLineNumber();
                entityOf.put("dblp:" + row.get("idDBLP"), entity);
                entityOf.put("acm:" + row.get("idACM"), entity);
            }
        }
        String[][] files = {{"DBLP2.csv", "dblp", "ISO-8859-1"}, {"ACM.csv", "acm", "UTF-8"}};
        for (int f = 0; f < files.length; f++) {
            try (Reader reader = reader(directory.resolve(files[f][0]), Charset.forName(files[f][2]));
                    CSVParser parser = csv(reader, true)) {
                for (CSVRecord row : parser) {
                    Map<String, String> raw = new HashMap<>();
                    for (String column : List.of("title", "authors", "venue", "year")) {
                        raw.put(column, unescape(row.get(column)));
                    }
                    String key = files[f][1] + ":" + row.get("id");
                    builder.add(f + 1, true, raw, Map.of(), entityOf.getOrDefault(key, key));
                }
            }
        }
        return builder.build("dblp-acm");
    }

    static Path publicationModel() {
        return Path.of(System.getProperty("match.publication", "docs/examples/publication.yaml"));
    }

    /** ACM writes some letters as HTML entities ({@code Lud&#228;scher}). */
    private static String unescape(String value) {
        if (value == null || value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '&' && i + 2 < value.length() && value.charAt(i + 1) == '#') {
                int end = value.indexOf(';', i);
                if (end > i + 2 && end - i < 10) {
                    try {
                        out.appendCodePoint(Integer.parseInt(value.substring(i + 2, end)));
                        i = end + 1;
                        continue;
                    } catch (NumberFormatException e) {
                        // not an entity: keep the text
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The data generator's person files: every source's CSV with its mapping, and the truth file. */
    @SuppressWarnings("unchecked")
    private static Dataset generated(Path directory) throws IOException {
        Builder builder = new Builder(BuiltInTypes.PERSON, MatchSettings.defaults("person", BuiltInTypes.PERSON));
        Map<String, String> entityOf = new HashMap<>();
        try (Reader reader = reader(directory.resolve("person-truth.csv"), StandardCharsets.UTF_8);
                CSVParser parser = csv(reader, false)) {
            for (CSVRecord row : parser) {
                entityOf.put(row.get("source") + "\u0000" + row.get("source_key"), row.get("entity_id"));
            }
        }
        List<Path> mappings;
        try (var files = Files.list(directory)) {
            mappings = files.filter(p -> p.getFileName().toString().matches("person-.*\\.mapping\\.json"))
                    .sorted()
                    .toList();
        }
        JsonMapper json = JsonMapper.builder().build();
        long sourceId = 0;
        for (Path mappingFile : mappings) {
            sourceId++;
            String file = mappingFile.getFileName().toString();
            String source = file.substring("person-".length(), file.length() - ".mapping.json".length());
            Map<String, Object> mapping = json.readValue(mappingFile.toFile(), Map.class);
            Map<String, String> attributes = (Map<String, String>) mapping.get("attributes");
            String keyColumn = (String) mapping.get("key");
            Path data = directory.resolve("person-" + source + ".csv");
            String firstLine;
            try (var lines = Files.lines(data, StandardCharsets.UTF_8)) {
                firstLine = lines.findFirst().orElse("");
            }
            char delimiter = firstLine.contains(";") && !firstLine.contains(",") ? ';' : ',';
            try (Reader reader = reader(data, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.DEFAULT
                            .builder()
                            .setDelimiter(delimiter)
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(reader)) {
                for (CSVRecord row : parser) {
                    Map<String, String> raw = new HashMap<>();
                    attributes.forEach(
                            (attribute, column) -> raw.put(attribute, row.get(column.replace("\uFEFF", ""))));
                    String key = row.get(0);
                    builder.add(sourceId, false, raw, Map.of(), entityOf.get(source + "\u0000" + key));
                }
            }
        }
        return builder.build("generated");
    }
}
