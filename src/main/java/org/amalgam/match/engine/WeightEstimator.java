package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Estimates {@link MatchWeights} from the records themselves, without labels (Fellegi-Sunter with EM, as Splink does):
 *
 * <ol>
 *   <li><b>u</b> from random pairs (nearly all of them different entities); the {@code exact} level's u exactly from
 *       the value counts (the chance that two random records share a value).
 *   <li><b>m</b> by expectation-maximisation over the candidate pairs of each blocking key, u held fixed. Inside the
 *       blocks of a key its attributes agree by construction, so each key's EM leaves out the comparisons on the
 *       attributes it uses; a comparison's m is the average over the keys that did not use it, weighted by their
 *       expected matches.
 *   <li>the prior λ: the expected matches among all candidate pairs (posterior with the final m and u) divided by all
 *       pairs of records (pairs inside one deduplicated source left out).
 *   <li>term frequencies of the comparisons that weigh by them.
 * </ol>
 *
 * Deterministic for a seed, whatever the number of threads.
 */
public final class WeightEstimator {

    /**
     * @param seed the random seed: the same seed and records give the same weights
     * @param randomPairs how many random pairs estimate u (all pairs when there are fewer)
     * @param pairsPerKey at most about this many candidate pairs of one blocking key go into its EM (a sample of
     *     blocks when there are more)
     * @param maxIterations EM stops after this many iterations
     * @param tolerance EM stops when no m moves more than this
     * @param threads worker threads
     */
    public record Options(
            long seed, int randomPairs, int pairsPerKey, int maxIterations, double tolerance, int threads) {

        public static Options defaults() {
            return new Options(
                    42, 300_000, 60_000, 200, 1e-5, Runtime.getRuntime().availableProcessors());
        }

        public Options withSeed(long newSeed) {
            return new Options(newSeed, randomPairs, pairsPerKey, maxIterations, tolerance, threads);
        }

        public Options withThreads(int newThreads) {
            return new Options(seed, randomPairs, pairsPerKey, maxIterations, tolerance, newThreads);
        }
    }

    /** Comparisons that no random pair could compare (the attribute is nearly always empty). */
    private boolean[] noData;

    /** Pairs are drawn in chunks of this size, each from its own seed, so threads do not change the result. */
    private static final int RANDOM_CHUNK = 50_000;

    /** A key's EM must expect at least this many matches to count for a comparison's m. */
    private static final double MIN_EXPECTED_MATCHES = 5;

    /** Added to every level's count in the M-step, so that a level never seen among matches is not impossible. */
    private static final double SMOOTHING = 0.1;

    private final RecordPreparer preparer;
    private final MatchSettings settings;
    private final Options options;
    private final CompiledComparison[] comparisons;
    private final int count;

    private WeightEstimator(RecordPreparer preparer, Options options) {
        this.preparer = preparer;
        this.settings = preparer.settings();
        this.options = options;
        List<ComparisonDefinition> definitions = settings.comparisons();
        this.comparisons = new CompiledComparison[definitions.size()];
        for (int c = 0; c < comparisons.length; c++) {
            comparisons[c] = new CompiledComparison(definitions.get(c), preparer.layout);
        }
        this.count = comparisons.length;
    }

    /**
     * Estimates the weights from prepared records.
     *
     * @param records at least two records, prepared by {@code preparer}
     */
    public static MatchWeights estimate(RecordPreparer preparer, List<PreparedRecord> records, Options options) {
        if (records.size() < 2) {
            throw new IllegalArgumentException("estimating weights needs at least two records");
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread thread = new Thread(r, "match-estimate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long start = System.nanoTime();
            BlockIndex index = BlockIndex.build(preparer, records, executor, Math.max(1, options.threads()));
            return new WeightEstimator(preparer, options).run(records, index, executor, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating weights", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Estimates with an index the caller has built already (the bulk run builds one anyway). */
    static MatchWeights estimate(RecordPreparer preparer, BlockIndex index, ExecutorService executor, Options options)
            throws InterruptedException {
        return new WeightEstimator(preparer, options).run(index.records, index, executor, System.nanoTime());
    }

    private MatchWeights run(List<PreparedRecord> records, BlockIndex index, ExecutorService executor, long begun)
            throws InterruptedException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("records", records.size());
        info.put("seed", options.seed());
        long started = System.nanoTime();
        ValueCounts[] valueCounts = countValues(records);
        double[][] u = estimateU(records, valueCounts, executor, info);
        long uDone = System.nanoTime();
        double[][] m = estimateM(index, u, executor, info);
        long mDone = System.nanoTime();
        for (int c = 0; c < count; c++) {
            if (noData[c]) {
                m[c] = u[c].clone();
            }
        }
        checkOrder(m, u, info);
        double prior = estimatePrior(records, index, m, u, executor, info);
        long priorDone = System.nanoTime();
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("blocking", (started - begun) / 1e9);
        seconds.put("u", (uDone - started) / 1e9);
        seconds.put("m", (mDone - uDone) / 1e9);
        seconds.put("prior", (priorDone - mDone) / 1e9);
        info.put("seconds", seconds);
        TermFrequencies[] tf = new TermFrequencies[count];
        for (int c = 0; c < count; c++) {
            if (settings.comparisons().get(c).termFrequency()) {
                tf[c] = valueCounts[c].termFrequencies(records, comparisons[c].slot);
            }
        }
        return new MatchWeights(settings, prior, m, u, tf, info);
    }

    // ---------------------------------------------------------------- sanity

    /** Levels that every exactly equal pair also reaches: they cannot be better evidence than {@code exact}. */
    private static final java.util.Set<LevelKind> IMPLIED_BY_EXACT = java.util.EnumSet.of(
            LevelKind.JARO_WINKLER,
            LevelKind.LEVENSHTEIN,
            LevelKind.DAMERAU_LEVENSHTEIN,
            LevelKind.JACCARD,
            LevelKind.OVERLAP,
            LevelKind.TOKEN_SUBSET,
            LevelKind.DOUBLE_METAPHONE,
            LevelKind.PREFIX,
            LevelKind.EMAIL_LOCAL,
            LevelKind.PHONE_SUFFIX,
            LevelKind.SAME_YEAR,
            LevelKind.WITHIN_YEARS,
            LevelKind.WITHIN_DAYS,
            LevelKind.ABSOLUTE,
            LevelKind.RELATIVE);

    /**
     * Whether level j (after level i) can be no better evidence than level i: every pair on level j would also have
     * met level i's looser form. True for {@code exact} before a similarity it implies, for two levels of one kind
     * (the later one is the looser threshold), and for any level before {@code else}.
     */
    static boolean ordered(LevelDefinition earlier, LevelDefinition later) {
        LevelKind i = earlier.kind();
        LevelKind j = later.kind();
        if (i == LevelKind.MISSING || j == LevelKind.MISSING) {
            return false;
        }
        return j == LevelKind.ELSE || i == j || (i == LevelKind.EXACT && IMPLIED_BY_EXACT.contains(j));
    }

    /**
     * Sanity check of the learnt m and u: EM can, on little or odd data (a level seldom seen among the matches, or a
     * key whose blocks are full of near-duplicates that are different entities), learn weights that reward
     * disagreement. Three things must hold, and are restored when they do not:
     *
     * <ul>
     *   <li>a level never weighs more than an earlier level it is {@linkplain #ordered nested in} ({@code jaro_winkler:
     *       0.8} not more than {@code jaro_winkler: 0.92}, no similarity more than {@code exact}, no level less than
     *       {@code else}). Levels of different kinds are left as learnt: {@code swapped} names may well be stronger
     *       evidence than equal ones, because strangers almost never have swapped names;
     *   <li>the first level does not count against a match (at least 0 bits);
     *   <li>the {@code else} level does not count for a match (at most 0 bits).
     * </ul>
     *
     * The repair changes the estimate as little as possible rather than re-running EM (which would find the same
     * optimum again): two levels out of order are pooled (their m and u added up, so both get the pooled m/u ratio,
     * as the pool-adjacent-violators algorithm does; it is the maximum-likelihood estimate under the order), and a
     * first or last level on the wrong side of 0 bits gets m = u, the other levels' m scaled to fit. Every sum of m
     * and of u is kept, so both stay distributions. Every change is listed in the estimation's {@code adjusted}.
     */
    private void checkOrder(double[][] m, double[][] u, Map<String, Object> info) {
        List<String> adjusted = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (!noData[c]) {
                adjust(settings.comparisons().get(c), m[c], u[c], adjusted);
            }
        }
        info.put("adjusted", adjusted);
    }

    /** Restores the order of one comparison's levels (see {@link #checkOrder}); describes each change. */
    static void adjust(ComparisonDefinition comparison, double[] m, double[] u, List<String> adjusted) {
        List<LevelDefinition> levels = comparison.levels();
        int n = m.length;
        for (int round = 0; round < n * n; round++) {
            boolean changed = false;
            for (int i = 1; i < n && !changed; i++) {
                for (int j = i + 1; j < n && !changed; j++) {
                    if (ordered(levels.get(i), levels.get(j)) && m[j] * u[i] > m[i] * u[j] * (1 + 1e-9)) {
                        double ratio = (m[i] + m[j]) / (u[i] + u[j]);
                        m[i] = u[i] * ratio;
                        m[j] = u[j] * ratio;
                        adjusted.add(comparison.name() + ": " + levels.get(j).label() + " weighed more than "
                                + levels.get(i).label() + "; both pooled at " + bits(ratio) + " bits");
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        if (m[1] < u[1]) {
            adjusted.add(comparison.name() + ": " + levels.get(1).label() + " weighed " + bits(m[1] / u[1])
                    + " bits; set to 0");
            setNeutral(m, u, 1);
        }
        int last = n - 1;
        if (last > 1 && levels.get(last).kind() == LevelKind.ELSE && m[last] > u[last]) {
            adjusted.add(comparison.name() + ": else weighed +" + bits(m[last] / u[last]) + " bits; set to 0");
            setNeutral(m, u, last);
        }
    }

    /** m[l] = u[l], the other levels' m (1..) scaled so that they still sum to 1. */
    private static void setNeutral(double[] m, double[] u, int l) {
        double rest = 1 - m[l];
        double restAfter = 1 - u[l];
        for (int k = 1; k < m.length; k++) {
            if (k != l) {
                m[k] = rest <= 0 ? u[k] : m[k] * restAfter / rest;
            }
        }
        m[l] = u[l];
    }

    private static String bits(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.2f", Math.log(ratio) / Math.log(2));
    }

    // ---------------------------------------------------------------- value counts

    /** Counts of the values of one comparison's attribute, by 64-bit hash. */
    private static final class ValueCounts {
        final LongIntMap counts;
        final long nonEmpty;

        ValueCounts(LongIntMap counts, long nonEmpty) {
            this.counts = counts;
            this.nonEmpty = nonEmpty;
        }

        /** The chance that two random records with the attribute share its value. */
        double agreement() {
            if (nonEmpty < 2) {
                return 0;
            }
            double[] sum = {0};
            counts.forEach((key, value) -> sum[0] += (double) value * (value - 1));
            return sum[0] / ((double) nonEmpty * (nonEmpty - 1));
        }

        TermFrequencies termFrequencies(List<PreparedRecord> records, int slot) {
            List<long[]> entries = new ArrayList<>(counts.size());
            counts.forEach((key, value) -> entries.add(new long[] {key, value}));
            entries.sort((x, y) -> x[1] != y[1] ? Long.compare(y[1], x[1]) : Long.compare(x[0], y[0]));
            int keep = Math.min(entries.size(), TermFrequencies.MAX_VALUES);
            LongIntMap wanted = new LongIntMap(keep);
            for (int i = 0; i < keep; i++) {
                wanted.put(entries.get(i)[0], i);
            }
            String[] values = new String[keep];
            for (PreparedRecord record : records) {
                if (record.empty(slot)) {
                    continue;
                }
                long hash = StringMetrics.hash64(record.text, record.start(slot), record.length(slot));
                int at = wanted.get(hash, -1);
                if (at >= 0 && values[at] == null) {
                    values[at] = record.valueOf(slot);
                }
            }
            Map<String, Double> shares = new LinkedHashMap<>();
            for (int i = 0; i < keep; i++) {
                if (values[i] != null) {
                    shares.put(values[i], entries.get(i)[1] / (double) nonEmpty);
                }
            }
            double rest = keep < entries.size()
                    ? Math.max(1, entries.get(keep - 1)[1] - 1) / (double) nonEmpty
                    : 1.0 / Math.max(1, nonEmpty);
            return new TermFrequencies(shares, rest);
        }
    }

    private ValueCounts[] countValues(List<PreparedRecord> records) {
        ValueCounts[] result = new ValueCounts[count];
        Map<Integer, ValueCounts> bySlot = new HashMap<>();
        for (int c = 0; c < count; c++) {
            ComparisonDefinition definition = settings.comparisons().get(c);
            if (definition.levelIndex(LevelKind.EXACT) != 1 && !definition.termFrequency()) {
                continue;
            }
            int slot = comparisons[c].slot;
            result[c] = bySlot.computeIfAbsent(slot, s -> {
                LongIntMap counts = new LongIntMap(1024);
                long nonEmpty = 0;
                for (PreparedRecord record : records) {
                    if (!record.empty(s)) {
                        counts.add(StringMetrics.hash64(record.text, record.start(s), record.length(s)), 1);
                        nonEmpty++;
                    }
                }
                return new ValueCounts(counts, nonEmpty);
            });
        }
        return result;
    }

    // ---------------------------------------------------------------- u

    /** Random pairs are drawn inside random groups of this many records, whose data stays in the processor's cache. */
    private static final int GROUP = 400;

    private double[][] estimateU(
            List<PreparedRecord> records, ValueCounts[] valueCounts, ExecutorService executor, Map<String, Object> info)
            throws InterruptedException {
        int n = records.size();
        long allPairs = (long) n * (n - 1) / 2;
        boolean enumerate = allPairs <= options.randomPairs();
        long pairs = enumerate ? allPairs : options.randomPairs();
        int chunks = (int) ((pairs + RANDOM_CHUNK - 1) / RANDOM_CHUNK);
        List<Future<long[][]>> futures = new ArrayList<>();
        for (int chunk = 0; chunk < chunks; chunk++) {
            long from = (long) chunk * RANDOM_CHUNK;
            long to = Math.min(pairs, from + RANDOM_CHUNK);
            long chunkSeed = StringMetrics.mix64(options.seed() * 31 + chunk);
            futures.add(executor.submit(() -> {
                long[][] counts = newCounts();
                StringMetrics.Scratch scratch = new StringMetrics.Scratch();
                SplittableRandom random = new SplittableRandom(chunkSeed);
                if (enumerate) {
                    // pair number k → (i, j) with i < j, row by row
                    int i = rowOf(from, n);
                    long rowStart = rowStart(i, n);
                    int j = (int) (i + 1 + (from - rowStart));
                    for (long k = from; k < to; k++) {
                        tally(records.get(i), records.get(j), counts, scratch);
                        if (++j == n) {
                            i++;
                            j = i + 1;
                        }
                    }
                } else {
                    // pairs of random records: drawn within small random groups, which are random pairs too
                    PreparedRecord[] group = new PreparedRecord[Math.min(GROUP, n)];
                    long k = from;
                    while (k < to) {
                        for (int g = 0; g < group.length; g++) {
                            group[g] = records.get(random.nextInt(n));
                        }
                        for (int x = 0; x < group.length && k < to; x++) {
                            for (int y = x + 1; y < group.length && k < to; y++, k++) {
                                if (group[x] != group[y]) {
                                    tally(group[x], group[y], counts, scratch);
                                }
                            }
                        }
                    }
                }
                return counts;
            }));
        }
        long[][] counts = newCounts();
        try {
            for (Future<long[][]> future : futures) {
                long[][] part = future.get();
                for (int c = 0; c < count; c++) {
                    for (int l = 0; l < part[c].length; l++) {
                        counts[c][l] += part[c][l];
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        info.put("randomPairs", pairs);
        double[][] u = new double[count][];
        noData = new boolean[count];
        for (int c = 0; c < count; c++) {
            int levels = comparisons[c].levelCount();
            u[c] = new double[levels];
            u[c][0] = 1;
            long compared = 0;
            for (int l = 1; l < levels; l++) {
                compared += counts[c][l];
            }
            if (compared == 0) {
                // no pair had both values: nothing to learn, and m will equal u (0 bits)
                java.util.Arrays.fill(u[c], 1, levels, 1.0 / (levels - 1));
                noData[c] = true;
                continue;
            }
            double floor = 0.5 / Math.max(1, compared);
            double exactU =
                    valueCounts[c] != null && settings.comparisons().get(c).levelIndex(LevelKind.EXACT) == 1
                            ? Math.max(valueCounts[c].agreement(), 1.0 / Math.max(1.0, (double) n * n))
                            : Double.NaN;
            if (!Double.isNaN(exactU)) {
                long rest = compared - counts[c][1];
                u[c][1] = exactU;
                for (int l = 2; l < levels; l++) {
                    u[c][l] = Math.max(floor, rest == 0 ? 0 : counts[c][l] / (double) rest) * (1 - exactU);
                }
            } else {
                for (int l = 1; l < levels; l++) {
                    u[c][l] = Math.max(floor, compared == 0 ? 0 : counts[c][l] / (double) compared);
                }
            }
            normalize(u[c]);
        }
        return u;
    }

    private static int rowOf(long k, int n) {
        // largest i with rowStart(i) <= k
        int low = 0;
        int high = n - 2;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (rowStart(mid, n) <= k) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static long rowStart(int i, int n) {
        return (long) i * (2L * n - i - 1) / 2;
    }

    private long[][] newCounts() {
        long[][] counts = new long[count][];
        for (int c = 0; c < count; c++) {
            counts[c] = new long[comparisons[c].levelCount()];
        }
        return counts;
    }

    private void tally(PreparedRecord a, PreparedRecord b, long[][] counts, StringMetrics.Scratch scratch) {
        for (int c = 0; c < count; c++) {
            counts[c][comparisons[c].level(a, b, scratch)]++;
        }
    }

    /** Levels 1.. sum to 1; level 0 (missing) stays 1. */
    private static void normalize(double[] shares) {
        double sum = 0;
        for (int l = 1; l < shares.length; l++) {
            sum += shares[l];
        }
        for (int l = 1; l < shares.length; l++) {
            shares[l] /= sum;
        }
    }

    // ---------------------------------------------------------------- m

    private long pattern(PreparedRecord a, PreparedRecord b, StringMetrics.Scratch scratch) {
        long pattern = 0;
        for (int c = 0; c < count; c++) {
            pattern |= (long) comparisons[c].level(a, b, scratch) << (4 * c);
        }
        return pattern;
    }

    private static int level(long pattern, int comparison) {
        return (int) (pattern >>> (4 * comparison)) & 15;
    }

    /**
     * The comparison vectors of a sample of candidate pairs, counted. For a key (rule ≥ 0): its pairs, a pair that
     * shares several of its keys once, in [0]. For rule -1: every candidate pair once, counted under the key that
     * brings it first (as the bulk run compares it), in [key].
     */
    private LongIntMap[] patterns(BlockIndex index, int rule, double sample, ExecutorService executor, long[] pairs)
            throws InterruptedException {
        int[] range = blockRange(index, rule);
        long from = rule < 0 ? 0 : (long) rule << 56;
        int slots = rule < 0 ? settings.blockingKeys().size() : 1;
        int blocks = range[1] - range[0];
        int threads = Math.max(1, options.threads());
        int step = Math.max(1, (blocks + threads * 8 - 1) / (threads * 8));
        List<Future<LongIntMap[]>> futures = new ArrayList<>();
        List<PreparedRecord> records = index.records;
        long seed = options.seed();
        for (int start = range[0]; start < range[1]; start += step) {
            int first = start;
            int last = Math.min(range[1], start + step);
            futures.add(executor.submit(() -> {
                LongIntMap[] maps = new LongIntMap[slots];
                for (int k = 0; k < slots; k++) {
                    maps[k] = new LongIntMap(256);
                }
                StringMetrics.Scratch scratch = new StringMetrics.Scratch();
                for (int block = first; block < last; block++) {
                    long key = index.blockKey(block);
                    if (sample < 1 && unit(StringMetrics.mix64(key ^ seed)) >= sample) {
                        continue;
                    }
                    LongIntMap map = maps[rule < 0 ? RecordPreparer.ruleOf(key) : 0];
                    index.pairs(block, from, (a, b) -> {
                        PreparedRecord x = records.get(a);
                        PreparedRecord y = records.get(b);
                        if (x.sourceDeduplicated() && y.sourceDeduplicated() && x.sourceId() == y.sourceId()) {
                            return;
                        }
                        map.add(pattern(x, y, scratch), 1);
                    });
                }
                return maps;
            }));
        }
        LongIntMap[] all = new LongIntMap[slots];
        for (int k = 0; k < slots; k++) {
            all[k] = new LongIntMap(1024);
        }
        try {
            for (Future<LongIntMap[]> future : futures) {
                LongIntMap[] part = future.get();
                for (int k = 0; k < slots; k++) {
                    int slot = k;
                    part[k].forEach((pattern, value) -> {
                        all[slot].add(pattern, value);
                        pairs[slot] += value;
                    });
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return all;
    }

    private static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** The blocks of one key: [first, end); all blocks when rule is -1. */
    private static int[] blockRange(BlockIndex index, int rule) {
        if (rule < 0) {
            return new int[] {0, index.blockCount()};
        }
        int first = lowerBound(index, (long) rule << 56);
        int end = lowerBound(index, (long) (rule + 1) << 56);
        return new int[] {first, end};
    }

    private static int lowerBound(BlockIndex index, long key) {
        int low = 0;
        int high = index.blockCount();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (index.blockKey(mid) < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The number of pairs a key's blocks give at most (an oversized block by its window). */
    private long candidatePairs(BlockIndex index, int rule) {
        int[] range = blockRange(index, rule);
        long pairs = 0;
        for (int block = range[0]; block < range[1]; block++) {
            long size = index.blockSize(block);
            pairs += size > index.cap(block) ? size * index.window(block) : size * (size - 1) / 2;
        }
        return pairs;
    }

    /** Per key, its EM (null when it had no pairs or gave no plausible model). */
    private Em[] keyModels;

    private double[][] estimateM(BlockIndex index, double[][] u, ExecutorService executor, Map<String, Object> info)
            throws InterruptedException {
        List<BlockingKeyDefinition> rules = settings.blockingKeys();
        double[][] weightedM = new double[count][];
        double[] weight = new double[count];
        for (int c = 0; c < count; c++) {
            weightedM[c] = new double[comparisons[c].levelCount()];
        }
        keyModels = new Em[rules.size()];
        List<Object> perKey = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            BlockingKeyDefinition rule = rules.get(r);
            boolean[] included = new boolean[count];
            for (int c = 0; c < count; c++) {
                ComparisonDefinition definition = settings.comparisons().get(c);
                included[c] = definition.attributes().stream().noneMatch(rule.attributes()::contains);
            }
            long candidates = candidatePairs(index, r);
            double sample = candidates <= options.pairsPerKey() ? 1 : options.pairsPerKey() / (double) candidates;
            long[] pairs = {0};
            LongIntMap patterns = patterns(index, r, sample, executor, pairs)[0];
            Map<String, Object> keyInfo = new LinkedHashMap<>();
            keyInfo.put("key", rule.name());
            keyInfo.put("pairsUsed", pairs[0]);
            perKey.add(keyInfo);
            if (pairs[0] == 0) {
                continue;
            }
            Em em = new Em(patterns, included, u);
            em.run(options.maxIterations(), options.tolerance());
            keyInfo.put("lambda", em.lambda);
            keyInfo.put("iterations", em.iterations);
            keyInfo.put("converged", em.converged);
            boolean plausible = em.plausible();
            keyInfo.put("plausible", plausible);
            if (!plausible) {
                continue;
            }
            keyModels[r] = em;
            for (int c = 0; c < count; c++) {
                if (!included[c] || em.expected[c] < MIN_EXPECTED_MATCHES) {
                    continue;
                }
                for (int l = 1; l < weightedM[c].length; l++) {
                    weightedM[c][l] += em.expected[c] * em.m[c][l];
                }
                weight[c] += em.expected[c];
            }
        }
        info.put("keys", perKey);
        // a comparison on attributes that every key uses: estimated from all candidate pairs together, biased as
        // its values agree inside the blocks by construction, but better than a guess
        List<String> fromAllKeys = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (weight[c] == 0 && !noData[c]) {
                fromAllKeys.add(settings.comparisons().get(c).name());
            }
        }
        if (!fromAllKeys.isEmpty()) {
            long candidates = 0;
            for (int r = 0; r < rules.size(); r++) {
                candidates += candidatePairs(index, r);
            }
            double sample = candidates <= options.pairsPerKey() ? 1 : options.pairsPerKey() / (double) candidates;
            long[] pairs = new long[rules.size()];
            LongIntMap[] owned = patterns(index, -1, sample, executor, pairs);
            LongIntMap all = new LongIntMap(1024);
            for (LongIntMap map : owned) {
                map.forEach(all::add);
            }
            if (all.size() > 0) {
                boolean[] everything = new boolean[count];
                java.util.Arrays.fill(everything, true);
                Em em = new Em(all, everything, u);
                em.run(options.maxIterations(), options.tolerance());
                for (int c = 0; c < count; c++) {
                    if (weight[c] == 0 && !noData[c] && em.expected[c] >= MIN_EXPECTED_MATCHES) {
                        weightedM[c] = em.m[c].clone();
                        weight[c] = 1;
                    }
                }
                info.put("mFromAllKeys", fromAllKeys);
            }
        }
        double[][] m = new double[count][];
        List<String> unestimated = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (weight[c] > 0) {
                m[c] = weightedM[c];
                for (int l = 1; l < m[c].length; l++) {
                    m[c][l] /= weight[c];
                }
            } else {
                m[c] = initialM(comparisons[c].levelCount());
                unestimated.add(settings.comparisons().get(c).name());
            }
            m[c][0] = 1;
            normalize(m[c]);
        }
        if (!unestimated.isEmpty()) {
            info.put("mNotEstimated", unestimated);
        }
        return m;
    }

    static double[] initialM(int levels) {
        double[] m = new double[levels];
        m[0] = 1;
        int middle = levels - 3;
        if (middle <= 0) {
            m[1] = 0.9;
            m[levels - 1] = 0.1;
        } else {
            m[1] = 0.7;
            for (int l = 2; l < levels - 1; l++) {
                m[l] = 0.25 / middle;
            }
            m[levels - 1] = 0.05;
        }
        return m;
    }

    /** Pseudo-counts of the random-pair u that every key's non-match distribution starts from. */
    private static final double U_PRIOR_STRENGTH = 1000;

    /**
     * Expectation-maximisation of one key's two classes over its comparison vectors. m, and also u: inside a key's
     * blocks the records that are different entities still resemble each other more than random pairs do (two
     * different John Smiths are both male and may have e-mail addresses made from their names), so the non-match
     * class gets its own distribution, pulled towards the random-pair u by pseudo-counts so that a key whose pairs are
     * nearly all matches keeps the random-pair u.
     */
    private final class Em {
        final long[] patterns;
        final int[] weights;
        final boolean[] included;
        final double[][] uPrior;
        final double[][] m = new double[count][];
        final double[][] u = new double[count][];
        final double[] expected = new double[count];
        double lambda = 0.3;
        int iterations;
        boolean converged;

        Em(LongIntMap counts, boolean[] included, double[][] randomU) {
            int size = counts.size();
            long[] keys = new long[size];
            int[] at = {0};
            counts.forEach((key, value) -> keys[at[0]++] = key);
            // a fixed order, so that sums do not depend on how threads filled the map
            java.util.Arrays.sort(keys);
            patterns = keys;
            weights = new int[size];
            for (int p = 0; p < size; p++) {
                weights[p] = counts.get(keys[p], 0);
            }
            this.included = included;
            this.uPrior = randomU;
            for (int c = 0; c < count; c++) {
                m[c] = initialM(randomU[c].length);
                u[c] = randomU[c].clone();
            }
        }

        private double posterior(long pattern, double logPrior, double[][] logM, double[][] logU) {
            double logRatio = logPrior;
            for (int c = 0; c < count; c++) {
                int l = level(pattern, c);
                if (included[c] && l != 0) {
                    logRatio += logM[c][l] - logU[c][l];
                }
            }
            return logRatio > 40 ? 1 : logRatio < -40 ? 0 : 1 / (1 + Math.exp(-logRatio));
        }

        void run(int maxIterations, double tolerance) {
            double[][] logM = new double[count][];
            double[][] logU = new double[count][];
            double[][] mCounts = new double[count][];
            double[][] uCounts = new double[count][];
            for (int c = 0; c < count; c++) {
                logM[c] = new double[m[c].length];
                logU[c] = new double[m[c].length];
                mCounts[c] = new double[m[c].length];
                uCounts[c] = new double[m[c].length];
            }
            for (iterations = 1; iterations <= maxIterations; iterations++) {
                for (int c = 0; c < count; c++) {
                    for (int l = 0; l < m[c].length; l++) {
                        logM[c][l] = Math.log(m[c][l]);
                        logU[c][l] = Math.log(u[c][l]);
                        mCounts[c][l] = 0;
                        uCounts[c][l] = 0;
                    }
                }
                double matches = 0;
                double total = 0;
                double logPrior = Math.log(lambda / (1 - lambda));
                for (int p = 0; p < patterns.length; p++) {
                    long pattern = patterns[p];
                    double posterior = posterior(pattern, logPrior, logM, logU);
                    double w = weights[p];
                    matches += w * posterior;
                    total += w;
                    for (int c = 0; c < count; c++) {
                        int l = level(pattern, c);
                        if (included[c] && l != 0) {
                            mCounts[c][l] += w * posterior;
                            uCounts[c][l] += w * (1 - posterior);
                        }
                    }
                }
                double change = 0;
                for (int c = 0; c < count; c++) {
                    if (!included[c]) {
                        continue;
                    }
                    double mSum = 0;
                    double uSum = 0;
                    for (int l = 1; l < m[c].length; l++) {
                        mSum += mCounts[c][l] + SMOOTHING;
                        uSum += uCounts[c][l] + U_PRIOR_STRENGTH * uPrior[c][l];
                    }
                    expected[c] = mSum - SMOOTHING * (m[c].length - 1);
                    for (int l = 1; l < m[c].length; l++) {
                        double value = (mCounts[c][l] + SMOOTHING) / mSum;
                        change = Math.max(change, Math.abs(value - m[c][l]));
                        m[c][l] = value;
                        u[c][l] = (uCounts[c][l] + U_PRIOR_STRENGTH * uPrior[c][l]) / uSum;
                    }
                }
                lambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / total));
                if (change < tolerance) {
                    converged = true;
                    break;
                }
            }
            iterations = Math.min(iterations, maxIterations);
        }

        /**
         * Whether the match class is the matches and not the other way round: agreeing on the first level counts for
         * it in the comparisons, weighted by how many pairs they compared.
         */
        boolean plausible() {
            double evidence = 0;
            for (int c = 0; c < count; c++) {
                if (included[c] && expected[c] > 0) {
                    evidence += expected[c] * Math.log(m[c][1] / u[c][1]);
                }
            }
            return evidence > 0;
        }

        /** λ for other pairs with this model's m and u fixed, and their expected matches. */
        double expectedMatches(LongIntMap counts) {
            double[][] logM = new double[count][];
            double[][] logU = new double[count][];
            for (int c = 0; c < count; c++) {
                logM[c] = new double[m[c].length];
                logU[c] = new double[m[c].length];
                for (int l = 0; l < m[c].length; l++) {
                    logM[c][l] = Math.log(m[c][l]);
                    logU[c][l] = Math.log(u[c][l]);
                }
            }
            long[] keys = new long[counts.size()];
            int[] at = {0};
            counts.forEach((key, value) -> keys[at[0]++] = key);
            java.util.Arrays.sort(keys);
            int[] weights = new int[keys.length];
            for (int p = 0; p < keys.length; p++) {
                weights[p] = counts.get(keys[p], 0);
            }
            double share = lambda;
            double matches = 0;
            for (int iteration = 0; iteration < 200; iteration++) {
                double logPrior = Math.log(share / (1 - share));
                matches = 0;
                double total = 0;
                for (int p = 0; p < keys.length; p++) {
                    matches += weights[p] * posterior(keys[p], logPrior, logM, logU);
                    total += weights[p];
                }
                double next = Math.min(1 - 1e-9, Math.max(1e-9, matches / total));
                boolean done = Math.abs(next - share) < 1e-7;
                share = next;
                if (done) {
                    break;
                }
            }
            return matches;
        }
    }

    // ---------------------------------------------------------------- prior

    /**
     * λ: the expected matches among all candidate pairs over all pairs. Every candidate pair is counted once, under
     * the key that brings it first, and judged with that key's own model (its m and its non-match u), so the likeness
     * of different entities inside a key's blocks is not taken for matches.
     */
    private double estimatePrior(
            List<PreparedRecord> records,
            BlockIndex index,
            double[][] m,
            double[][] u,
            ExecutorService executor,
            Map<String, Object> info)
            throws InterruptedException {
        int rules = settings.blockingKeys().size();
        long candidates = 0;
        for (int r = 0; r < rules; r++) {
            candidates += candidatePairs(index, r);
        }
        long budget = (long) options.pairsPerKey() * 2;
        double sample = candidates <= budget ? 1 : budget / (double) candidates;
        long[] pairs = new long[rules];
        LongIntMap[] owned = patterns(index, -1, sample, executor, pairs);
        Em fallback = null;
        double expected = 0;
        long total = 0;
        for (int r = 0; r < rules; r++) {
            total += pairs[r];
            if (pairs[r] == 0) {
                continue;
            }
            Em model = keyModels[r];
            if (model == null) {
                if (fallback == null) {
                    boolean[] all = new boolean[count];
                    java.util.Arrays.fill(all, true);
                    fallback = new Em(new LongIntMap(1), all, u);
                    for (int c = 0; c < count; c++) {
                        fallback.m[c] = m[c].clone();
                    }
                    fallback.lambda = 0.1;
                }
                model = fallback;
            }
            expected += model.expectedMatches(owned[r]);
        }
        double candidatePairs = total / sample;
        double expectedMatches = expected / sample;
        int n = records.size();
        double allPairs = (double) n * (n - 1) / 2;
        Map<Long, Long> deduplicated = new HashMap<>();
        for (PreparedRecord record : records) {
            if (record.sourceDeduplicated()) {
                deduplicated.merge(record.sourceId(), 1L, Long::sum);
            }
        }
        for (long size : deduplicated.values()) {
            allPairs -= (double) size * (size - 1) / 2;
        }
        double prior = Math.min(0.5, Math.max(1e-12, expectedMatches / Math.max(1, allPairs)));
        info.put("candidatePairs", Math.round(candidatePairs));
        info.put("expectedMatches", Math.round(expectedMatches));
        info.put("prior", prior);
        return prior;
    }
}
