package org.amalgam.match.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clusters many records at once (the initial load, or a rebuild):
 *
 * <ol>
 *   <li>blocking: every record's keys are hashed and sorted once; each block is a run of equal keys;
 *   <li>scoring: the blocks' pairs are scored in parallel, block by block, a pair sharing several keys once; only
 *       pairs at or above POSSIBLE are kept;
 *   <li>clustering: the kept pairs in descending weight join their clusters when the {@link ClusteringSettings
 *       clustering rule} lets the two clusters join (the cross pairs scored, sampled for large clusters; the group
 *       must agree and none may contradict), when no hard constraint forbids it, and when they are not two existing clusters.
 * </ol>
 *
 * Records of one existing cluster stay together. Memory: the prepared records, their keys (8 bytes each, sorted with
 * the record index) and the kept pairs; candidate pairs are never all held at once.
 */
public final class BulkClusterer {

    /** Sees every scored candidate pair: for measuring blocking. Called from the worker threads at once. */
    @FunctionalInterface
    public interface PairObserver {
        void pair(long recordA, long recordB, double bits);
    }

    /**
     * @param threads worker threads for blocking and scoring
     * @param observer sees every scored candidate pair, or null
     */
    public record Options(int threads, PairObserver observer) {

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), null);
        }

        public Options withThreads(int newThreads) {
            return new Options(newThreads, observer);
        }

        public Options withObserver(PairObserver newObserver) {
            return new Options(threads, newObserver);
        }
    }

    private static final int BLOCK_BATCH = 256;

    private final Scorer scorer;
    private final Options options;

    public BulkClusterer(Scorer scorer, Options options) {
        this.scorer = scorer;
        this.options = options;
    }

    /**
     * Clusters the records.
     *
     * @param records records prepared by the scorer's preparer; ids must be distinct
     * @param existingClusters record id → the existing cluster (golden record) it belongs to; records not in the map
     *     belong to none
     * @param constraints pairs asserted DIFFERENT
     */
    public BulkResult cluster(List<PreparedRecord> records, Map<Long, UUID> existingClusters, Constraints constraints) {
        return cluster(records, existingClusters, constraints, List.of());
    }

    /**
     * Clusters the records, some of which start together.
     *
     * @param together groups of record ids that start in one cluster whatever their scores (records a steward
     *     asserted SAME); such a group may still join others by the rules. Ids not among the records are ignored.
     */
    public BulkResult cluster(
            List<PreparedRecord> records,
            Map<Long, UUID> existingClusters,
            Constraints constraints,
            List<long[]> together) {
        long started = System.nanoTime();
        int threads = Math.max(1, options.threads());
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "match-bulk");
            thread.setDaemon(true);
            return thread;
        });
        try {
            BlockIndex index = BlockIndex.build(scorer.preparer(), records, executor, threads);
            long blocked = System.nanoTime();
            Edges edges = score(index, executor, threads);
            long scored = System.nanoTime();
            return cluster(records, index, edges, existingClusters, constraints, together, started, blocked, scored);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clustering", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * The weights learnt from the records and the clusters made with them.
     *
     * @param estimating how long estimating the weights took (blocking included)
     */
    public record Estimated(MatchWeights weights, BulkResult result, Duration estimating) {}

    /**
     * Estimates the weights from the records and clusters them with those weights, in one pass over one block index:
     * the blocks are built once (the costliest part of both steps on a million records) and the prepared records are
     * held once. Gives the same weights as {@link WeightEstimator#estimate} and the same clusters as {@link #cluster}.
     *
     * @param preparer the preparer the records were prepared with; its settings give thresholds and clustering rule
     * @param records at least two records, ids distinct
     * @param estimateOptions seed, samples and threads of the estimation
     * @param options threads and observer of the clustering
     * @param existingClusters record id → its existing cluster, as for {@link #cluster}
     * @param constraints pairs asserted DIFFERENT
     */
    public static Estimated estimateAndCluster(
            RecordPreparer preparer,
            List<PreparedRecord> records,
            WeightEstimator.Options estimateOptions,
            Options options,
            Map<Long, UUID> existingClusters,
            Constraints constraints) {
        if (records.size() < 2) {
            throw new IllegalArgumentException("estimating weights needs at least two records");
        }
        long started = System.nanoTime();
        int threads = Math.max(1, options.threads());
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "match-bulk");
            thread.setDaemon(true);
            return thread;
        });
        try {
            BlockIndex index = BlockIndex.build(preparer, records, executor, threads);
            long blocked = System.nanoTime();
            MatchWeights weights =
                    WeightEstimator.estimate(preparer, index, executor, estimateOptions.withThreads(threads));
            long estimated = System.nanoTime();
            BulkClusterer clusterer = new BulkClusterer(new Scorer(preparer, weights), options);
            Edges edges = clusterer.score(index, executor, threads);
            long scored = System.nanoTime();
            // the blocking is shared: the clustering's statistics count it, the estimation's time does not
            BulkResult result = clusterer.cluster(
                    records,
                    index,
                    edges,
                    existingClusters,
                    constraints,
                    List.of(),
                    estimated - (blocked - started),
                    estimated,
                    scored);
            return new Estimated(weights, result, Duration.ofNanos(estimated - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clustering", e);
        } finally {
            executor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- scoring

    /** The kept pairs: record indexes packed (a << 32 | b, a < b) and their weights. */
    private static final class Edges {
        long[] pairs = new long[1024];
        double[] bits = new double[1024];
        int size;
        long scored;
        long[] perKey;
        final List<BlockIndex.Capped> capped = new ArrayList<>();

        void add(int a, int b, double weight) {
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
                bits = Arrays.copyOf(bits, size * 2);
            }
            pairs[size] = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            bits[size] = weight;
            size++;
        }
    }

    private Edges score(BlockIndex index, ExecutorService executor, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        int blocks = index.blockCount();
        double possible = scorer.possibleBits();
        PairObserver observer = options.observer();
        List<PreparedRecord> records = index.records;
        int keys = scorer.settings().blockingKeys().size();
        List<Future<Edges>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(executor.submit(() -> {
                Edges edges = new Edges();
                edges.perKey = new long[keys];
                StringMetrics.Scratch scratch = new StringMetrics.Scratch();
                BlockIndex.PairSink sink = (a, b) -> {
                    PreparedRecord x = records.get(a);
                    PreparedRecord y = records.get(b);
                    double weight = scorer.bitsAtLeast(x, y, possible, scratch);
                    edges.scored++;
                    if (observer != null) {
                        observer.pair(x.id(), y.id(), weight);
                    }
                    if (weight >= possible) {
                        edges.add(a, b, weight);
                    }
                };
                int batch;
                while ((batch = next.getAndIncrement() * BLOCK_BATCH) < blocks) {
                    int end = Math.min(blocks, batch + BLOCK_BATCH);
                    for (int block = batch; block < end; block++) {
                        long before = edges.scored;
                        BlockIndex.Capped capped = index.pairs(block, 0, sink);
                        edges.perKey[RecordPreparer.ruleOf(index.blockKey(block))] += edges.scored - before;
                        if (capped != null) {
                            edges.capped.add(capped);
                        }
                    }
                }
                return edges;
            }));
        }
        Edges all = new Edges();
        all.perKey = new long[keys];
        try {
            for (Future<Edges> future : futures) {
                Edges part = future.get();
                if (all.pairs.length < all.size + part.size) {
                    all.pairs = Arrays.copyOf(all.pairs, all.size + part.size);
                    all.bits = Arrays.copyOf(all.bits, all.size + part.size);
                }
                System.arraycopy(part.pairs, 0, all.pairs, all.size, part.size);
                System.arraycopy(part.bits, 0, all.bits, all.size, part.size);
                all.size += part.size;
                all.scored += part.scored;
                for (int k = 0; k < keys; k++) {
                    all.perKey[k] += part.perKey[k];
                }
                all.capped.addAll(part.capped);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return distinct(all);
    }

    /** Drops repeated pairs (a pair in an oversized block may also come from another block). */
    private static Edges distinct(Edges edges) {
        int n = edges.size;
        long[] keys = Arrays.copyOf(edges.pairs, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        BlockIndex.radixSort(keys, order);
        Edges result = new Edges();
        result.pairs = new long[n];
        result.bits = new double[n];
        result.scored = edges.scored;
        result.perKey = edges.perKey;
        result.capped.addAll(edges.capped);
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                result.pairs[result.size] = keys[i];
                result.bits[result.size] = edges.bits[order[i]];
                result.size++;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- clustering

    private BulkResult cluster(
            List<PreparedRecord> records,
            BlockIndex index,
            Edges edges,
            Map<Long, UUID> existingClusters,
            Constraints constraints,
            List<long[]> together,
            long started,
            long blocked,
            long scoredAt) {
        int n = records.size();
        Forest forest = new Forest(records, constraints);
        List<UUID> existingIds = new ArrayList<>();
        if (existingClusters != null && !existingClusters.isEmpty()) {
            LongIntMap indexOfId = new LongIntMap(n);
            for (int i = 0; i < n; i++) {
                indexOfId.put(records.get(i).id(), i);
            }
            Map<UUID, Integer> firstOfCluster = new HashMap<>();
            for (Map.Entry<Long, UUID> entry : existingClusters.entrySet()) {
                int i = indexOfId.get(entry.getKey(), -1);
                if (i < 0 || entry.getValue() == null) {
                    continue;
                }
                Integer first = firstOfCluster.get(entry.getValue());
                if (first == null) {
                    firstOfCluster.put(entry.getValue(), i);
                    forest.existing[i] = existingIds.size();
                    existingIds.add(entry.getValue());
                } else {
                    forest.union(first, i);
                }
            }
        }
        int[] parent = forest.parent;
        int[] next = forest.next;
        int[] size = forest.size;
        int[] existing = forest.existing;

        if (together != null && !together.isEmpty()) {
            LongIntMap indexOfId = new LongIntMap(n);
            for (int i = 0; i < n; i++) {
                indexOfId.put(records.get(i).id(), i);
            }
            for (long[] group : together) {
                int first = -1;
                for (long id : group) {
                    int i = indexOfId.get(id, -1);
                    if (i < 0) {
                        continue;
                    }
                    if (first < 0) {
                        first = i;
                    } else {
                        forest.union(first, i);
                    }
                }
            }
        }

        // edges by weight, highest first
        int m = edges.size;
        long[] order = new long[m];
        int[] edgeOf = new int[m];
        for (int e = 0; e < m; e++) {
            long sortable = Double.doubleToLongBits(edges.bits[e]);
            sortable ^= (sortable >> 63) | Long.MIN_VALUE;
            order[e] = ~sortable;
            edgeOf[e] = e;
        }
        BlockIndex.radixSort(order, edgeOf);
        order = null;

        GroupRule rule = new GroupRule(scorer, constraints);
        StringMetrics.Scratch scratch = new StringMetrics.Scratch();
        double same = scorer.sameBits();
        byte[] reason = new byte[m];
        Map<Long, long[]> rejected = new HashMap<>();
        long groupComparisons = 0;
        long sameEdges = 0;
        List<PreparedRecord> left = new ArrayList<>();
        List<PreparedRecord> right = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            int e = edgeOf[k];
            if (edges.bits[e] < same) {
                break;
            }
            sameEdges++;
            int a = (int) (edges.pairs[e] >>> 32);
            int b = (int) edges.pairs[e];
            int ra = forest.find(a);
            int rb = forest.find(b);
            if (ra == rb) {
                continue;
            }
            if (existing[ra] >= 0 && existing[rb] >= 0) {
                reason[e] = (byte) (LinkReason.EXISTING_CLUSTERS.ordinal() + 1);
                continue;
            }
            long memoKey = ra < rb ? ((long) ra << 32) | rb : ((long) rb << 32) | ra;
            int[] version = forest.version;
            long stamp = ra < rb ? ((long) version[ra] << 32) | version[rb] : ((long) version[rb] << 32) | version[ra];
            long[] memo = rejected.get(memoKey);
            if (memo != null && memo[0] == stamp) {
                reason[e] = (byte) (memo[1] + 1);
                continue;
            }
            LinkReason hard = forest.constraint(ra, rb);
            GroupRule.Outcome outcome;
            if (hard != null) {
                outcome = new GroupRule.Outcome(hard, Double.NaN, -1, -1, Double.NaN, 0);
            } else {
                forest.members(ra, left);
                forest.members(rb, right);
                outcome = rule.score(left, right, scratch);
            }
            groupComparisons += outcome.scored();
            if (outcome.joins()) {
                forest.union(ra, rb);
                rejected.remove(memoKey);
            } else {
                reason[e] = (byte) (outcome.blockedBy().ordinal() + 1);
                rejected.put(memoKey, new long[] {stamp, outcome.blockedBy().ordinal()});
            }
        }
        long clustered = System.nanoTime();

        List<MatchLink> sameLinks = new ArrayList<>();
        List<MatchLink> possibleLinks = new ArrayList<>();
        for (int e = 0; e < m; e++) {
            int a = (int) (edges.pairs[e] >>> 32);
            int b = (int) edges.pairs[e];
            double weight = edges.bits[e];
            long idA = records.get(a).id();
            long idB = records.get(b).id();
            if (forest.find(a) == forest.find(b)) {
                if (weight >= same) {
                    sameLinks.add(link(idA, idB, weight, Band.SAME, LinkReason.SAME));
                }
            } else {
                LinkReason why = reason[e] == 0 ? LinkReason.BELOW_SAME : LinkReason.values()[reason[e] - 1];
                possibleLinks.add(link(idA, idB, weight, Band.POSSIBLE, why));
            }
        }

        List<ResultCluster> clusters = new ArrayList<>();
        int largest = 0;
        long[] buffer = new long[16];
        for (int i = 0; i < n; i++) {
            if (parent[i] != i) {
                continue;
            }
            int count = size[i];
            if (buffer.length < count) {
                buffer = new long[Math.max(count, buffer.length * 2)];
            }
            int at = 0;
            int member = i;
            do {
                buffer[at++] = records.get(member).id();
                member = next[member];
            } while (member != i);
            long[] ids = Arrays.copyOf(buffer, count);
            Arrays.sort(ids);
            clusters.add(new ResultCluster(ids, existing[i] >= 0 ? existingIds.get(existing[i]) : null));
            largest = Math.max(largest, count);
        }

        List<CappedBlock> capped = new ArrayList<>();
        for (BlockIndex.Capped block : edges.capped) {
            PreparedRecord first = records.get(firstMember(index, block.key()));
            capped.add(new CappedBlock(
                    scorer.preparer().keyText(first, block.key()), block.size(), block.subBlocks(), block.windowed()));
        }
        capped.sort(Comparator.comparingInt(CappedBlock::size).reversed().thenComparing(CappedBlock::key));
        long finished = System.nanoTime();
        BulkStatistics statistics = new BulkStatistics(
                n,
                index.blockCount(),
                List.copyOf(capped),
                edges.scored,
                perKey(edges.perKey),
                groupComparisons,
                sameEdges,
                m - sameEdges,
                clusters.size(),
                largest,
                Duration.ofNanos(blocked - started),
                Duration.ofNanos(scoredAt - blocked),
                Duration.ofNanos(clustered - scoredAt),
                Duration.ofNanos(finished - started));
        return new BulkResult(clusters, sameLinks, possibleLinks, statistics);
    }

    private Map<String, Long> perKey(long[] counts) {
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        List<BlockingKeyDefinition> keys = scorer.settings().blockingKeys();
        for (int k = 0; k < keys.size(); k++) {
            result.put(keys.get(k).name(), counts[k]);
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    private static int firstMember(BlockIndex index, long key) {
        int position = Arrays.binarySearch(index.sortedKeys, key);
        while (position > 0 && index.sortedKeys[position - 1] == key) {
            position--;
        }
        return index.sortedRecords[position];
    }

    private static MatchLink link(long a, long b, double bits, Band band, LinkReason reason) {
        return a < b
                ? new MatchLink(a, b, bits, Weights.probability(bits), band, reason)
                : new MatchLink(b, a, bits, Weights.probability(bits), band, reason);
    }

    /**
     * The clusters as a union-find forest with each cluster's members in a ring, and per cluster what the clustering
     * rule needs without walking all members: an evenly spread sample of at most {@link GroupRule#SAMPLE} members
     * (larger clusters only), the deduplicated sources it holds and its records that take part in a constraint.
     * Every join costs at most a few times the sample size, however large the clusters grow.
     */
    private static final class Forest {
        final List<PreparedRecord> records;
        final Constraints constraints;
        final int[] parent;
        final int[] next;
        final int[] size;
        final int[] version;
        final int[] existing;
        /** per root of a cluster larger than the sample: its sampled members */
        final int[][] sample;
        /** per root: the ids of the deduplicated sources of its records, sorted, or null */
        final long[][] dedupSources;
        /** per root: its records that take part in a constraint, or null */
        final int[][] involved;

        Forest(List<PreparedRecord> records, Constraints constraints) {
            this.records = records;
            this.constraints = constraints;
            int n = records.size();
            parent = new int[n];
            next = new int[n];
            size = new int[n];
            version = new int[n];
            existing = new int[n];
            sample = new int[n][];
            dedupSources = new long[n][];
            involved = new int[n][];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                next[i] = i;
                size[i] = 1;
                existing[i] = -1;
                PreparedRecord record = records.get(i);
                if (record.sourceDeduplicated()) {
                    dedupSources[i] = new long[] {record.sourceId()};
                }
                if (constraints.involves(record.id())) {
                    involved[i] = new int[] {i};
                }
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /** The hard constraint that keeps two clusters (roots) apart, or null. */
        LinkReason constraint(int ra, int rb) {
            long[] x = dedupSources[ra];
            long[] y = dedupSources[rb];
            if (x != null && y != null) {
                for (long source : x) {
                    if (Arrays.binarySearch(y, source) >= 0) {
                        return LinkReason.DEDUPLICATED_SOURCE;
                    }
                }
            }
            int[] ix = involved[ra];
            int[] iy = involved[rb];
            if (ix != null && iy != null) {
                for (int a : ix) {
                    long idA = records.get(a).id();
                    for (int b : iy) {
                        if (constraints.different(idA, records.get(b).id())) {
                            return LinkReason.ASSERTED_DIFFERENT;
                        }
                    }
                }
            }
            return null;
        }

        /** The cluster's members, or its sample when it is larger than the sample size. */
        void members(int root, List<PreparedRecord> out) {
            out.clear();
            if (sample[root] != null) {
                for (int member : sample[root]) {
                    out.add(records.get(member));
                }
                return;
            }
            int member = root;
            do {
                out.add(records.get(member));
                member = next[member];
            } while (member != root);
        }

        private int[] memberIndexes(int root) {
            if (sample[root] != null) {
                return sample[root];
            }
            int[] result = new int[size[root]];
            int at = 0;
            int member = root;
            do {
                result[at++] = member;
                member = next[member];
            } while (member != root);
            return result;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int swap = ra;
                ra = rb;
                rb = swap;
            }
            int total = size[ra] + size[rb];
            if (total > GroupRule.SAMPLE) {
                sample[ra] = mergedSample(ra, rb, total);
            }
            sample[rb] = null;
            dedupSources[ra] = mergeSorted(dedupSources[ra], dedupSources[rb]);
            dedupSources[rb] = null;
            involved[ra] = concat(involved[ra], involved[rb]);
            involved[rb] = null;
            parent[rb] = ra;
            size[ra] = total;
            int spare = next[ra];
            next[ra] = next[rb];
            next[rb] = spare;
            version[ra]++;
            if (existing[ra] < 0) {
                existing[ra] = existing[rb];
            }
        }

        /** A sample of the joined cluster: each side's members (or sample) in proportion to its size. */
        private int[] mergedSample(int ra, int rb, int total) {
            int[] x = memberIndexes(ra);
            int[] y = memberIndexes(rb);
            int fromY = Math.max(1, (int) Math.round(GroupRule.SAMPLE * (double) size[rb] / total));
            fromY = Math.min(fromY, y.length);
            int fromX = Math.min(x.length, GroupRule.SAMPLE - fromY);
            int[] result = new int[fromX + fromY];
            for (int i = 0; i < fromX; i++) {
                result[i] = x[GroupRule.spread(i, fromX, x.length)];
            }
            for (int j = 0; j < fromY; j++) {
                result[fromX + j] = y[GroupRule.spread(j, fromY, y.length)];
            }
            return result;
        }

        private static long[] mergeSorted(long[] x, long[] y) {
            if (x == null) {
                return y;
            }
            if (y == null) {
                return x;
            }
            long[] all = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, all, x.length, y.length);
            return Arrays.stream(all).sorted().distinct().toArray();
        }

        private static int[] concat(int[] x, int[] y) {
            if (x == null) {
                return y;
            }
            if (y == null) {
                return x;
            }
            int[] all = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, all, x.length, y.length);
            return all;
        }
    }
}
