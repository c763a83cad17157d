package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The blocks of a set of prepared records: every record's blocking keys as 64-bit hashes (key index in the top byte),
 * sorted once so that each block is a run of equal keys and the blocks of one key are consecutive. Enumerates the
 * pairs of a block so that a pair sharing several keys is produced once, in the block of the smallest key it shares
 * (blocks larger than the cap do not count, since they compare only some of their pairs).
 */
final class BlockIndex {

    /** Receives the pairs of blocks, by record index. */
    interface PairSink {
        void pair(int a, int b);
    }

    /** A block larger than the cap, as the bulk result reports it. */
    record Capped(long key, int size, int subBlocks, int windowed) {}

    final RecordPreparer preparer;
    final List<PreparedRecord> records;
    /** the block cap of each key */
    final int[] caps;

    /** the window of each key */
    final int[] windows;
    /** per record, its sorted keys: recordKeys[recordKeyStart[i] .. recordKeyStart[i + 1]) */
    final long[] recordKeys;

    final int[] recordKeyStart;
    /** all (key, record) entries sorted by key */
    final long[] sortedKeys;

    final int[] sortedRecords;
    /** the blocks with at least two records, as ranges of the sorted arrays */
    final int[] blockFrom;

    final int[] blockTo;
    /** the keys of blocks larger than the cap, sorted */
    final long[] oversized;

    /** set on a record's own copy of a key whose block is larger than the cap */
    static final long OVERSIZED = 1L << 55;

    private BlockIndex(
            RecordPreparer preparer,
            List<PreparedRecord> records,
            long[] recordKeys,
            int[] recordKeyStart,
            long[] sortedKeys,
            int[] sortedRecords) {
        this.preparer = preparer;
        this.records = records;
        List<BlockingKeyDefinition> rules = preparer.settings().blockingKeys();
        this.caps = new int[rules.size()];
        for (int r = 0; r < caps.length; r++) {
            caps[r] = preparer.settings().blockCap(rules.get(r));
        }
        this.windows = new int[rules.size()];
        for (int r = 0; r < windows.length; r++) {
            windows[r] = preparer.settings().window(rules.get(r));
        }
        this.recordKeys = recordKeys;
        this.recordKeyStart = recordKeyStart;
        this.sortedKeys = sortedKeys;
        this.sortedRecords = sortedRecords;
        int blocks = 0;
        int large = 0;
        int n = sortedKeys.length;
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && sortedKeys[j] == sortedKeys[i]) {
                j++;
            }
            if (j - i >= 2) {
                blocks++;
            }
            if (j - i > caps[RecordPreparer.ruleOf(sortedKeys[i])]) {
                large++;
            }
            i = j;
        }
        this.blockFrom = new int[blocks];
        this.blockTo = new int[blocks];
        this.oversized = new long[large];
        int b = 0;
        int o = 0;
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && sortedKeys[j] == sortedKeys[i]) {
                j++;
            }
            if (j - i >= 2) {
                blockFrom[b] = i;
                blockTo[b] = j;
                b++;
            }
            if (j - i > caps[RecordPreparer.ruleOf(sortedKeys[i])]) {
                oversized[o++] = sortedKeys[i];
                for (int k = i; k < j; k++) {
                    markOversized(sortedRecords[k], sortedKeys[i]);
                }
            }
            i = j;
        }
    }

    private void markOversized(int record, long key) {
        for (int k = recordKeyStart[record]; k < recordKeyStart[record + 1]; k++) {
            if (recordKeys[k] == key) {
                recordKeys[k] |= OVERSIZED;
                return;
            }
        }
    }

    /** Computes every record's keys (in parallel) and sorts them. */
    static BlockIndex build(
            RecordPreparer preparer, List<PreparedRecord> records, ExecutorService executor, int threads)
            throws InterruptedException {
        int n = records.size();
        long[][] perRecord = new long[n][];
        int chunk = Math.max(1, (n + threads * 4 - 1) / (threads * 4));
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int end = Math.min(n, from + chunk);
            futures.add(executor.submit(() -> {
                for (int i = start; i < end; i++) {
                    PreparedRecord record = records.get(i);
                    preparer.check(record);
                    perRecord[i] = preparer.keyHashes(record);
                }
            }));
        }
        await(futures);
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + perRecord[i].length;
        }
        int total = start[n];
        long[] keys = new long[total];
        long[] sortedKeys = new long[total];
        int[] sortedRecords = new int[total];
        for (int i = 0; i < n; i++) {
            long[] own = perRecord[i];
            System.arraycopy(own, 0, keys, start[i], own.length);
            System.arraycopy(own, 0, sortedKeys, start[i], own.length);
            Arrays.fill(sortedRecords, start[i], start[i + 1], i);
            perRecord[i] = null;
        }
        radixSort(sortedKeys, sortedRecords);
        return new BlockIndex(preparer, records, keys, start, sortedKeys, sortedRecords);
    }

    static void await(List<Future<?>> futures) throws InterruptedException {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    int blockCount() {
        return blockFrom.length;
    }

    int blockSize(int block) {
        return blockTo[block] - blockFrom[block];
    }

    long blockKey(int block) {
        return sortedKeys[blockFrom[block]];
    }

    boolean isOversized(long key) {
        return Arrays.binarySearch(oversized, key) >= 0;
    }

    int cap(int block) {
        return caps[RecordPreparer.ruleOf(blockKey(block))];
    }

    int window(int block) {
        return windows[RecordPreparer.ruleOf(blockKey(block))];
    }

    /**
     * Whether records a and b share a key in [from, key) that is not oversized: then that block produces the pair.
     */
    boolean sharesEarlierKey(int a, int b, long from, long key) {
        int i = recordKeyStart[a];
        int iEnd = recordKeyStart[a + 1];
        int j = recordKeyStart[b];
        int jEnd = recordKeyStart[b + 1];
        while (i < iEnd && j < jEnd) {
            long x = recordKeys[i];
            long y = recordKeys[j];
            long xKey = x & ~OVERSIZED;
            long yKey = y & ~OVERSIZED;
            if (xKey >= key || yKey >= key) {
                return false;
            }
            if (xKey == yKey) {
                if (xKey >= from && (x & OVERSIZED) == 0) {
                    return true;
                }
                i++;
                j++;
            } else if (xKey < yKey) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /**
     * Produces the pairs of one block. A block up to the cap gives all its pairs that no earlier key at or above
     * {@code from} gives; a larger block is split by its key's split parts, and a part still larger than the cap
     * compares each record with its {@code window} neighbours in sorted order. Returns what was done with an oversized
     * block, else null.
     */
    Capped pairs(int block, long from, PairSink sink) {
        int start = blockFrom[block];
        int end = blockTo[block];
        long key = sortedKeys[start];
        int size = end - start;
        int cap = caps[RecordPreparer.ruleOf(key)];
        if (size <= cap) {
            for (int x = start; x < end; x++) {
                int a = sortedRecords[x];
                for (int y = x + 1; y < end; y++) {
                    int b = sortedRecords[y];
                    if (!sharesEarlierKey(a, b, from, key)) {
                        sink.pair(a, b);
                    }
                }
            }
            return null;
        }
        int[] members = Arrays.copyOfRange(sortedRecords, start, end);
        BlockingKeyDefinition rule = preparer.settings().blockingKeys().get(RecordPreparer.ruleOf(key));
        int subBlocks = 1;
        int windowed = 0;
        if (rule.split().isEmpty()) {
            windowed += window(members, 0, members.length, from, key, sink);
        } else {
            long[] splitKeys = new long[members.length];
            for (int i = 0; i < members.length; i++) {
                splitKeys[i] = StringMetrics.hash64(preparer.splitValue(records.get(members[i]), rule));
            }
            int[] order = members.clone();
            long[] sorted = splitKeys.clone();
            radixSort(sorted, order);
            subBlocks = 0;
            for (int i = 0; i < order.length; ) {
                int j = i + 1;
                while (j < order.length && sorted[j] == sorted[i]) {
                    j++;
                }
                subBlocks++;
                if (j - i <= cap) {
                    for (int x = i; x < j; x++) {
                        for (int y = x + 1; y < j; y++) {
                            if (!sharesEarlierKey(order[x], order[y], from, key)) {
                                sink.pair(order[x], order[y]);
                            }
                        }
                    }
                } else {
                    windowed += window(order, i, j, from, key, sink);
                }
                i = j;
            }
        }
        return new Capped(key, size, subBlocks, windowed);
    }

    /** Sorted neighbourhood inside an oversized (sub-)block; returns the number of records it covered. */
    private int window(int[] members, int from, int to, long keyFrom, long key, PairSink sink) {
        int window = windows[RecordPreparer.ruleOf(key)];
        if (window == 0) {
            return to - from;
        }
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = members[from + i];
        }
        Arrays.sort(order, (x, y) -> compareText(records.get(x), records.get(y)));
        for (int x = 0; x < order.length; x++) {
            for (int y = x + 1; y < order.length && y <= x + window; y++) {
                if (!sharesEarlierKey(order[x], order[y], keyFrom, key)) {
                    sink.pair(order[x], order[y]);
                }
            }
        }
        return order.length;
    }

    private static int compareText(PreparedRecord a, PreparedRecord b) {
        int slots = a.layout.slots.size() + 1;
        return Arrays.compare(a.text, slots, a.text.length, b.text, slots, b.text.length);
    }

    /** Sorts keys ascending (as unsigned, which is the same order here: the top byte is a small key index). */
    static void radixSort(long[] keys, int[] payload) {
        int n = keys.length;
        if (n < 64) {
            insertionSort(keys, payload, n);
            return;
        }
        long[] keyBuffer = new long[n];
        int[] payloadBuffer = new int[n];
        long[] sourceKeys = keys;
        int[] sourcePayload = payload;
        long[] targetKeys = keyBuffer;
        int[] targetPayload = payloadBuffer;
        int[] counts = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (sourceKeys[i] >>> shift) & 0xFF]++;
            }
            if (counts[(int) (sourceKeys[0] >>> shift) & 0xFF] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int d = (int) (sourceKeys[i] >>> shift) & 0xFF;
                int to = counts[d]++;
                targetKeys[to] = sourceKeys[i];
                targetPayload[to] = sourcePayload[i];
            }
            long[] swapKeys = sourceKeys;
            sourceKeys = targetKeys;
            targetKeys = swapKeys;
            int[] swapPayload = sourcePayload;
            sourcePayload = targetPayload;
            targetPayload = swapPayload;
        }
        if (sourceKeys != keys) {
            System.arraycopy(sourceKeys, 0, keys, 0, n);
            System.arraycopy(sourcePayload, 0, payload, 0, n);
        }
    }

    private static void insertionSort(long[] keys, int[] payload, int n) {
        for (int i = 1; i < n; i++) {
            long key = keys[i];
            int value = payload[i];
            int j = i - 1;
            while (j >= 0 && Long.compareUnsigned(keys[j], key) > 0) {
                keys[j + 1] = keys[j];
                payload[j + 1] = payload[j];
                j--;
            }
            keys[j + 1] = key;
            payload[j + 1] = value;
        }
    }
}
