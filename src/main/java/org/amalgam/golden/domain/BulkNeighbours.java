package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.PreparedRecord;
import org.amalgam.match.engine.RecordPreparer;
import org.amalgam.shared.WorkMemory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The blocking keys of a bulk load's new records, each with its cap, and the stored records in the blocks of those
 * keys that are within their caps. The bulk clusterer splits a block larger than its cap by the key's split parts (the
 * stored split keys) and compares a part still larger than the cap only with a window or not at all, and the real-time
 * lookup skips such a key; reading every record of such a block as a neighbour only to have the clusterer split it
 * again read nearly every stored record with each load (a phonetic last name reaches almost everything). A key's
 * block counts the new records too, as the clusterer sees them together with the neighbours.
 */
final class BulkNeighbours {

    /** Keys looked up per statement. */
    static final int LOOKUP_CHUNK = 50_000;

    /** Neighbours read and prepared at a time. */
    static final int READ_CHUNK = 20_000;

    /**
     * Statements run at once: the lookups and the reading are mostly the database's work and the parsing the
     * application's, so two keep two cores busy.
     */
    static final int THREADS = 2;

    /** The key hashes of the new records by the cap of their key, one per record and key, in no order. */
    private final Map<Integer, Keys> byCap = new TreeMap<>();

    /** Distinct keys looked up and keys left out because their block is larger than the cap, for the log. */
    private long looked;

    private long oversized;

    private boolean joined;

    /** Growable list of key hashes. */
    private static final class Keys {
        long[] hashes = new long[1024];
        int size;

        void add(long hash) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash;
        }
    }

    /**
     * The hash and cap of each key of one chunk of new records, computed where the chunk is prepared.
     *
     * @param hashes the stored form of each key ({@link Matching#keyHash})
     * @param caps the cap of each key ({@link RecordPreparer#capOf})
     */
    record ChunkKeys(long[] hashes, int[] caps) {

        /** The keys of the records, each record's keys once. */
        static ChunkKeys of(long entityTypeId, RecordPreparer preparer, Map<Long, List<String>> keysByRecord) {
            int total = 0;
            for (List<String> keys : keysByRecord.values()) {
                total += keys.size();
            }
            long[] hashes = new long[total];
            int[] caps = new int[total];
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (List<String> keys : keysByRecord.values()) {
                seen.clear();
                for (String key : keys) {
                    if (seen.add(key)) {
                        hashes[n] = Matching.keyHash(entityTypeId, key);
                        caps[n] = preparer.capOf(key);
                        n++;
                    }
                }
            }
            return new ChunkKeys(Arrays.copyOf(hashes, n), Arrays.copyOf(caps, n));
        }
    }

    void add(ChunkKeys keys) {
        for (int i = 0; i < keys.hashes().length; i++) {
            byCap.computeIfAbsent(keys.caps()[i], cap -> new Keys()).add(keys.hashes()[i]);
        }
    }

    /**
     * The stored records, new ones included, that share with a new record a key whose stored block (new records
     * included) holds at most the key's cap of records. A key that more than its cap of new records share is not
     * looked up at all. The others are looked up one by one with at most cap + 1 records each when they are few next
     * to the key table, else in one hash join with the whole key table ({@link #JOIN_SHARE}).
     */
    Set<Long> sharing(JdbcClient jdbc, TransactionTemplate transaction) {
        Map<Integer, List<Long>> lookups = lookups();
        Long rows = jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'match_key'::regclass")
                .query(Long.class)
                .single();
        return sharing(jdbc, transaction, lookups, looked * JOIN_SHARE > rows);
    }

    /**
     * Keys per statement when they are looked up one by one; a larger share of the key table's rows is joined with
     * it instead. Measured on the million (3,054,723 keys of a file, 16–17 million stored keys): the lookups took 76 s
     * (25 µs a key), the join 23.6 s; the join costs by the table and the lookups by the keys.
     */
    static final int JOIN_SHARE = 20;

    /** As {@link #sharing(JdbcClient, TransactionTemplate)}, by a join or by lookups as told (tests try both). */
    Set<Long> sharing(JdbcClient jdbc, TransactionTemplate transaction, boolean join) {
        return sharing(jdbc, transaction, lookups(), join);
    }

    /** The keys to look up by their cap: the keys of the new records that at most their cap of new records share. */
    private Map<Integer, List<Long>> lookups() {
        Map<Integer, List<Long>> lookups = new TreeMap<>();
        for (Map.Entry<Integer, Keys> entry : byCap.entrySet()) {
            int cap = entry.getKey();
            Keys keys = entry.getValue();
            long[] sorted = Arrays.copyOf(keys.hashes, keys.size);
            entry.setValue(new Keys());
            Arrays.sort(sorted);
            List<Long> lookup = new ArrayList<>();
            for (int i = 0; i < sorted.length; ) {
                int j = i + 1;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                if (j - i <= cap) {
                    lookup.add(sorted[i]);
                } else {
                    oversized++;
                }
                i = j;
            }
            looked += lookup.size();
            lookups.put(cap, lookup);
        }
        byCap.clear();
        return lookups;
    }

    private Set<Long> sharing(
            JdbcClient jdbc, TransactionTemplate transaction, Map<Integer, List<Long>> lookups, boolean join) {
        joined = join;
        Set<Long> found = new HashSet<>();
        if (join) {
            for (long id : joined(jdbc, transaction, lookups)) {
                found.add(id);
            }
            return found;
        }
        for (Map.Entry<Integer, List<Long>> entry : lookups.entrySet()) {
            int cap = entry.getKey();
            List<Long> lookup = entry.getValue();
            List<Callable<long[]>> statements = new ArrayList<>();
            for (int from = 0; from < lookup.size(); from += LOOKUP_CHUNK) {
                Long[] chunk = lookup.subList(from, Math.min(lookup.size(), from + LOOKUP_CHUNK))
                        .toArray(Long[]::new);
                statements.add(() -> jdbc
                        .sql(
                                """
                                select distinct unnest(b.ids) from unnest(cast(:keys as bigint[])) as k(key)
                                cross join lateral (
                                    select array_agg(source_record_id) as ids
                                      from (select source_record_id from match_key where key = k.key limit :limit) l) b
                                 where cardinality(b.ids) between 2 and :cap
                                """)
                        .param("keys", chunk)
                        .param("limit", cap + 1)
                        .param("cap", cap)
                        .query(Long.class)
                        .list()
                        .stream()
                        .mapToLong(Long::longValue)
                        .toArray());
            }
            for (long[] ids : inParallel(statements)) {
                for (long id : ids) {
                    found.add(id);
                }
            }
        }
        return found;
    }

    /**
     * The records of the blocks within their caps, by one hash join of the keys (in a temporary table, with their
     * caps) with the key table, grouped by key. The hash table of the keys needs more than the default work memory
     * (4 MB) to stay in one batch: 256 MB for this transaction only.
     */
    private static long[] joined(JdbcClient jdbc, TransactionTemplate transaction, Map<Integer, List<Long>> lookups) {
        return transaction.execute(status -> {
            WorkMemory.forTransaction(jdbc, "256MB");
            jdbc.sql(
                            """
                            create temporary table amalgam_neighbour_key (key bigint not null, cap int not null)
                                on commit drop
                            """)
                    .update();
            for (Map.Entry<Integer, List<Long>> entry : lookups.entrySet()) {
                List<Long> lookup = entry.getValue();
                for (int from = 0; from < lookup.size(); from += LOOKUP_CHUNK) {
                    jdbc.sql("insert into amalgam_neighbour_key select unnest(cast(:keys as bigint[])), :cap")
                            .param(
                                    "keys",
                                    lookup.subList(from, Math.min(lookup.size(), from + LOOKUP_CHUNK))
                                            .toArray(Long[]::new))
                            .param("cap", entry.getKey())
                            .update();
                }
            }
            jdbc.sql("analyze amalgam_neighbour_key").update();
            return jdbc
                    .sql(
                            """
                            select distinct unnest(b.ids) from (
                                select array_agg(m.source_record_id) as ids
                                  from amalgam_neighbour_key k join match_key m on m.key = k.key
                                 group by k.key, k.cap
                                having count(*) between 2 and k.cap) b
                            """)
                    .query(Long.class)
                    .list()
                    .stream()
                    .mapToLong(Long::longValue)
                    .toArray();
        });
    }

    /** Reads and prepares the given records, in chunks in the order of their ids, on {@link #THREADS} threads. */
    static List<PreparedRecord> prepared(Matching matching, RecordPreparer preparer, Collection<Long> ids) {
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Callable<List<PreparedRecord>>> reads = new ArrayList<>();
        for (int from = 0; from < sorted.length; from += READ_CHUNK) {
            List<Long> chunk = Arrays.stream(sorted, from, Math.min(sorted.length, from + READ_CHUNK))
                    .boxed()
                    .toList();
            reads.add(() -> {
                List<PreparedRecord> records = new ArrayList<>(chunk.size());
                for (MatchRecord record : matching.records(chunk)) {
                    records.add(preparer.prepare(record));
                }
                return records;
            });
        }
        List<PreparedRecord> records = new ArrayList<>(sorted.length);
        for (List<PreparedRecord> chunk : inParallel(reads)) {
            records.addAll(chunk);
        }
        return records;
    }

    /** Runs the tasks on {@link #THREADS} threads of their own and answers their results in order. */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()), r -> {
            Thread thread = new Thread(r, "match-neighbours");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(task));
            }
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> future : futures) {
                results.add(await(future, "the neighbours of a bulk load were read"));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * The result of work a bulk settle handed to another thread: its runtime exception as it was thrown, anything
     * else (and an interrupt) as an {@link IllegalStateException} that says what was under way.
     *
     * @param work what was under way, for the message: "Interrupted while " + work
     */
    static <T> T await(Future<T> future, String work) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + work, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Failed while " + work + ": " + e.getCause(), e);
        }
    }

    /** Distinct keys looked up by {@link #sharing}. */
    long looked() {
        return looked;
    }

    /** Whether the last {@link #sharing} joined the keys with the key table instead of looking them up. */
    boolean joined() {
        return joined;
    }

    /** Keys left out by {@link #sharing} before the lookup, more than their cap of new records sharing them. */
    long oversized() {
        return oversized;
    }
}
