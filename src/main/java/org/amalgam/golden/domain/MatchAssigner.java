package org.amalgam.golden.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.golden.PossibleMatchFound;
import org.amalgam.ingest.BulkLoadStored;
import org.amalgam.ingest.SourceRecordsStored;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.Band;
import org.amalgam.match.engine.BulkClusterer;
import org.amalgam.match.engine.BulkResult;
import org.amalgam.match.engine.Constraints;
import org.amalgam.match.engine.IncrementalMatcher;
import org.amalgam.match.engine.MatchLink;
import org.amalgam.match.engine.MatchRecord;
import org.amalgam.match.engine.PreparedRecord;
import org.amalgam.match.engine.RecordPair;
import org.amalgam.match.engine.RecordPreparer;
import org.amalgam.match.engine.ResultCluster;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.WorkMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts source records into golden records with the matching engine. A record pushed on its own is matched at once,
 * in the transaction that stored it, against the members of the golden records that share a blocking key with it
 * (JOIN, NEW, or NEW with a POSSIBLE_MATCH task). A bulk load's new records are clustered together once the load
 * has stored them, with the golden records they share keys with, and written set-based. A record that already has a
 * golden record stays there (its golden record is built again); only a steward moves it (merge, split).
 */
@Component
class MatchAssigner {

    private static final Logger log = LoggerFactory.getLogger(MatchAssigner.class);

    static final String RULE = "match";
    static final String NEW_RULE = GoldenRecords.NEW_ENTITY_RULE;
    static final String SYSTEM = GoldenRecomputer.SYSTEM;

    /**
     * Blocking keys locked one by one at most (a push has about 20); records stored together with more take the type's
     * exclusive lock instead (advisory locks share PostgreSQL's lock table, 64 per connection by default).
     */
    static final int MAX_KEY_LOCKS = 256;

    /** New records read, prepared and given their blocking keys at a time when a bulk load settles. */
    static final int PREPARE_CHUNK = 50_000;

    /** Golden records written per transaction when a bulk load settles. */
    static final int WRITE_BATCH = 20_000;

    private final JdbcClient jdbc;
    private final GoldenRecordStore store;
    private final EntityTypes entityTypes;
    private final GoldenRecomputer recomputer;
    private final Matching matching;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    MatchAssigner(
            JdbcClient jdbc,
            GoldenRecordStore store,
            EntityTypes entityTypes,
            GoldenRecomputer recomputer,
            Matching matching,
            TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.store = store;
        this.entityTypes = entityTypes;
        this.recomputer = recomputer;
        this.matching = matching;
        this.transaction = transaction;
        this.events = events;
    }

    @EventListener
    void on(SourceRecordsStored event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        Matching.Engine engine = matching.engine(type);
        if (event.bulk()) {
            store.lockType(type.id());
            // a bulk load's new records are read, get their keys and are matched when it settles: only the records
            // that already have a golden record are read now
            Map<Long, UUID> assigned = crosswalkOf(event.sourceRecordIds());
            Map<Long, PreparedRecord> prepared = prepare(engine, matching.records(assigned.keySet()));
            matching.replaceKeys(type.id(), keysOf(engine, prepared));
            recomputer.recompute(type, new LinkedHashSet<>(assigned.values()), SYSTEM, "source records changed");
            return;
        }
        // A pushed record's blocking keys are stored, then the push holds its type shared (bulk settles, re-matches
        // and stewards' edits and assertions hold it exclusively) and locks its blocking keys: a record it could match
        // shares one, so a push of such a record waits for this one or was committed before this one reads its
        // candidates. Under these locks the candidates are read and scored once, and the plan holds until commit;
        // then the push locks the golden records it rebuilds.
        Map<Long, PreparedRecord> prepared = prepare(engine, matching.records(event.sourceRecordIds()));
        Map<Long, List<String>> keys = keysOf(engine, prepared);
        matching.replaceKeys(type.id(), keys);
        Set<Long> hashes = new HashSet<>();
        keys.values().forEach(list -> list.forEach(key -> hashes.add(Matching.keyHash(type.id(), key))));
        if (hashes.size() > MAX_KEY_LOCKS) {
            // many records at once: one lock for the type rather than filling PostgreSQL's lock table
            store.lockType(type.id());
        } else {
            store.lockTypeShared(type.id());
            store.lockKeys(hashes);
        }
        Map<Long, UUID> assigned = crosswalkOf(event.sourceRecordIds());
        Set<UUID> affected = new LinkedHashSet<>(assigned.values());
        List<Plan> holding = new ArrayList<>();
        for (PreparedRecord record : prepared.values()) {
            if (assigned.containsKey(record.id())) {
                continue;
            }
            Plan plan = plan(type, engine, record, false);
            holding.add(plan);
            if (plan.decision().outcome() == IncrementalMatcher.Outcome.JOIN) {
                affected.add(plan.decision().cluster());
            }
        }
        store.lockGoldens(affected);
        for (Plan plan : holding) {
            apply(type, engine, plan);
        }
        recomputer.recompute(type, affected, SYSTEM, "source records changed");
    }

    private static Map<Long, PreparedRecord> prepare(Matching.Engine engine, List<MatchRecord> records) {
        Map<Long, PreparedRecord> prepared = new LinkedHashMap<>();
        for (MatchRecord record : records) {
            prepared.put(record.id(), engine.preparer().prepare(record));
        }
        return prepared;
    }

    private static Map<Long, List<String>> keysOf(Matching.Engine engine, Map<Long, PreparedRecord> prepared) {
        Map<Long, List<String>> keys = new HashMap<>();
        prepared.forEach((id, record) -> keys.put(id, engine.preparer().blockingKeys(record)));
        return keys;
    }

    /** The source records are gone: their blocking keys go too (their golden records are built again elsewhere). */
    @EventListener
    void on(org.amalgam.ingest.SourceRecordsDeleted event) {
        matching.removeKeys(event.sourceRecordIds());
    }

    /**
     * Finds the golden records that a record with these standardized attributes would match, and stores nothing:
     * the decision the engine would take, with every candidate's score and evidence.
     */
    IncrementalMatcher.Decision findMatches(EntityTypeView type, Map<String, Object> attributes) {
        Matching.Engine engine = matching.engine(type);
        Map<String, String> values = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value.toString());
            }
        });
        PreparedRecord record = engine.preparer().prepare(new MatchRecord(-1, -1, false, values));
        return plan(type, engine, record, true).decision();
    }

    /** What the engine decided for one record, and the records it scored (the record itself among them). */
    record Plan(PreparedRecord record, Map<Long, PreparedRecord> byId, IncrementalMatcher.Decision decision) {}

    /**
     * Scores one record against the golden records of the records that share its keys (each key within its cap);
     * with {@code explainAll} every candidate gets its evidence, else only those it joins or may match.
     */
    private Plan plan(EntityTypeView type, Matching.Engine engine, PreparedRecord record, boolean explainAll) {
        List<RecordPreparer.LookupKey> keys = engine.preparer().lookupKeys(record);
        Map<Long, UUID> goldenOf = candidates(type.id(), keys, record.id());
        Map<UUID, List<PreparedRecord>> clusters = new LinkedHashMap<>();
        Map<Long, PreparedRecord> byId = new HashMap<>();
        byId.put(record.id(), record);
        for (MatchRecord candidate : matching.records(goldenOf.keySet())) {
            PreparedRecord p = engine.preparer().prepare(candidate);
            byId.put(candidate.id(), p);
            clusters.computeIfAbsent(goldenOf.get(candidate.id()), g -> new ArrayList<>())
                    .add(p);
        }
        Set<RecordPair> different = differentPairs(type.id(), byId.keySet());
        IncrementalMatcher.Decision decision = new IncrementalMatcher(engine.scorer())
                .decide(
                        record,
                        clusters,
                        different.isEmpty() ? Constraints.none() : Constraints.different(different),
                        explainAll);
        return new Plan(record, byId, decision);
    }

    /**
     * The records that share a key with the record (each key within its cap) and have an active golden record of the
     * type, with that golden record, in one statement: a key held by more than its cap of records is too common to
     * tell anything and is left out (its split key, when it has one, is among the keys and still finds the records
     * that matter; the bulk path reports such blocks). The crosswalk, the golden record and the source record (not
     * deleted) are looked up per candidate (a lateral subquery on each primary key): right after a load the planner's
     * statistics still see an empty golden_record table and would scan every golden record of the type for a join.
     */
    private Map<Long, UUID> candidates(long entityTypeId, List<RecordPreparer.LookupKey> keys, long self) {
        Map<Long, UUID> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<Long, Integer> caps = new LinkedHashMap<>();
        for (RecordPreparer.LookupKey key : keys) {
            caps.merge(Matching.keyHash(entityTypeId, key.key()), key.cap(), Math::min);
        }
        jdbc.sql(
                        """
                        with sharing as materialized (
                            select distinct i.id
                              from unnest(cast(:keys as bigint[]), cast(:caps as integer[])) as k(key, cap)
                             cross join lateral (
                                 select array_agg(source_record_id) as ids
                                   from (select source_record_id from match_key where key = k.key limit k.cap + 1) l) l
                             cross join lateral unnest(l.ids) as i(id)
                             where cardinality(l.ids) <= k.cap and i.id <> :self
                        )
                        select f.id, c.golden_id from sharing f
                         cross join lateral (select c.golden_id from crosswalk c where c.source_record_id = f.id) c
                         cross join lateral (select g.status, g.entity_type_id from golden_record g
                                              where g.id = c.golden_id limit 1) g
                         cross join lateral (select 1 from source_record s
                                              where s.id = f.id and not s.deleted limit 1) r
                         where g.status = 'ACTIVE' and g.entity_type_id = :type
                        """)
                .param("keys", caps.keySet().toArray(Long[]::new))
                .param("caps", caps.values().toArray(Integer[]::new))
                .param("self", self)
                .param("type", entityTypeId)
                .query(rs -> {
                    found.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /**
     * Puts the record where its plan says: into the golden record it joins (which the caller builds again), or a new
     * one (with review tasks).
     */
    private void apply(EntityTypeView type, Matching.Engine engine, Plan plan) {
        PreparedRecord record = plan.record();
        IncrementalMatcher.Decision decision = plan.decision();
        List<MatchLink> links = new ArrayList<>();
        UUID golden;
        if (decision.outcome() == IncrementalMatcher.Outcome.JOIN) {
            golden = decision.cluster();
            IncrementalMatcher.Candidate best = decision.best();
            store.link(Map.of(record.id(), golden), RULE, SYSTEM, best.probability());
            if (best.bestRecordId() >= 0 && best.evidence() != null) {
                links.add(new MatchLink(
                        record.id(),
                        best.bestRecordId(),
                        best.evidence().bits(),
                        best.evidence().probability(),
                        Band.SAME,
                        null));
            }
        } else {
            golden = GoldenIds.next();
            // written once with its first version, as a bulk load writes its new golden records, rather than empty
            // and then built
            recomputer.create(
                    type, Map.of(golden, List.of(record.id())), NEW_RULE, RULE, SYSTEM, "source records changed");
            if (decision.outcome() == IncrementalMatcher.Outcome.REVIEW) {
                for (IncrementalMatcher.Candidate candidate : decision.candidates()) {
                    if (candidate.band() == Band.DIFFERENT || candidate.bestRecordId() < 0) {
                        continue;
                    }
                    links.add(new MatchLink(
                            record.id(),
                            candidate.bestRecordId(),
                            candidate.evidence() == null
                                    ? candidate.meanBits()
                                    : candidate.evidence().bits(),
                            candidate.evidence() == null
                                    ? candidate.probability()
                                    : candidate.evidence().probability(),
                            Band.POSSIBLE,
                            candidate.blockedBy()));
                    events.publishEvent(new PossibleMatchFound(
                            type.id(), golden, candidate.cluster(), details(candidate.probability(), candidate)));
                }
            }
        }
        matching.storeLinks(type.id(), links, plan.byId(), engine.scorer());
    }

    private static Map<String, Object> details(double probability, IncrementalMatcher.Candidate candidate) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("probability", Double.isNaN(probability) ? null : probability);
        if (candidate.blockedBy() != null) {
            details.put("keptApartBy", candidate.blockedBy().name());
        }
        if (candidate.evidence() != null) {
            details.put("evidence", Matching.evidence(candidate.evidence()));
        }
        return details;
    }

    /** A bulk load stored its rows: its new records are clustered and get their golden records now. */
    @EventListener
    void on(BulkLoadStored event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        long start = System.nanoTime();
        List<Long> unassigned = jdbc.sql(
                        """
                        select r.id from source_record r
                         where r.entity_type_id = :type and not r.deleted
                           and not exists (select 1 from crosswalk c where c.source_record_id = r.id)
                         order by r.id
                        """)
                .param("type", type.id())
                .query(Long.class)
                .list();
        if (unassigned.isEmpty()) {
            return;
        }
        Matching.Engine engine = matching.engine(type);
        List<PreparedRecord> prepared = new ArrayList<>(unassigned.size());
        BulkNeighbours neighbours = new BulkNeighbours();
        // a second thread reads and prepares the next chunk of records while this one writes the last chunk's keys
        ExecutorService preparing = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "match-prepare");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Matching.Engine preparer = engine;
            List<Long> first = unassigned.subList(0, Math.min(unassigned.size(), PREPARE_CHUNK));
            Future<PreparedChunk> next = preparing.submit(() -> prepareChunk(type.id(), preparer, first));
            for (int from = 0; from < unassigned.size(); from += PREPARE_CHUNK) {
                PreparedChunk chunk = BulkNeighbours.await(next, "the new records were prepared for matching");
                int after = from + PREPARE_CHUNK;
                if (after < unassigned.size()) {
                    List<Long> ids = unassigned.subList(after, Math.min(unassigned.size(), after + PREPARE_CHUNK));
                    next = preparing.submit(() -> prepareChunk(type.id(), preparer, ids));
                }
                prepared.addAll(chunk.records());
                neighbours.add(chunk.lookup());
                // new records have no keys yet (a settle that stopped half-way left some: they are the same keys)
                transaction.executeWithoutResult(status -> matching.addKeys(type.id(), chunk.keys()));
            }
        } finally {
            preparing.shutdownNow();
        }
        refreshStatistics(unassigned.size(), "source_record", "match_key");
        // golden records already there that share a key with the new records take part as clusters
        Map<Long, UUID> existing = existingNeighbours(type.id(), unassigned, neighbours);
        prepared.addAll(BulkNeighbours.prepared(matching, engine.preparer(), existing.keySet()));
        long loaded = System.nanoTime();
        if (!engine.estimated()
                && prepared.size() >= Matching.MIN_RECORDS_TO_ESTIMATE
                && Matching.canLearnMatches(prepared)) {
            engine = matching.estimate(type, prepared);
        }
        long estimated = System.nanoTime();
        BulkResult result = new BulkClusterer(engine.scorer(), BulkClusterer.Options.defaults())
                .cluster(prepared, existing, different(type.id(), null));
        long clustered = System.nanoTime();
        Map<Long, UUID> goldenOf = write(type, result, existing);
        Map<Long, PreparedRecord> byId = new HashMap<>(prepared.size() * 2);
        for (PreparedRecord p : prepared) {
            byId.put(p.id(), p);
        }
        Matching.Engine used = engine;
        List<MatchLink> links = new ArrayList<>(result.sameLinks());
        links.addAll(result.possibleLinks());
        transaction.executeWithoutResult(status -> {
            bulkWorkMemory();
            matching.storeLinks(type.id(), links, byId, used.scorer());
            Set<RecordPair> tasks = new HashSet<>();
            for (MatchLink link : result.possibleLinks()) {
                UUID a = goldenOf.get(link.recordA());
                UUID b = goldenOf.get(link.recordB());
                if (a != null && b != null && !a.equals(b) && tasks.add(goldenPair(a, b))) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("probability", link.probability());
                    if (link.reason() != null) {
                        details.put("keptApartBy", link.reason().name());
                    }
                    PreparedRecord left = byId.get(link.recordA());
                    PreparedRecord right = byId.get(link.recordB());
                    if (left != null && right != null) {
                        details.put("evidence", Matching.evidence(used.scorer().explain(left, right)));
                    }
                    events.publishEvent(new PossibleMatchFound(type.id(), a, b, details));
                }
            }
        });
        refreshStatistics(
                unassigned.size(), "golden_record", "golden_record_version", "crosswalk", "match_link", "change_event");
        log.info(
                "Matched {} new records of {} ({} existing neighbours) into {} clusters: loaded in {} ms, weights {}"
                        + " ms, clustered in {} ms, written in {} ms; statistics {}",
                unassigned.size(),
                type.code(),
                existing.size(),
                result.clusters().size(),
                (loaded - start) / 1_000_000,
                (estimated - loaded) / 1_000_000,
                (clustered - estimated) / 1_000_000,
                (System.nanoTime() - clustered) / 1_000_000,
                result.statistics());
    }

    /** Records in a load from which on the tables it filled get fresh planner statistics at once. */
    static final int ANALYZE_AFTER = 5_000;

    /**
     * Gives the planner fresh statistics of tables a large load has just filled. Autovacuum may be off or behind
     * (it is off on some managed and test servers), and with the statistics of a nearly empty table the planner scans
     * a whole table where one index lookup per row would do: a real-time push after a first load took 0.7 s for one
     * crosswalk query instead of 7 ms.
     */
    private void refreshStatistics(int records, String... tables) {
        if (records >= ANALYZE_AFTER) {
            jdbc.sql("analyze " + String.join(", ", analyzedColumns(tables))).update();
        }
    }

    /**
     * The tables with their columns to analyze: every column but the JSON documents (attributes, lineage, evidence,
     * payloads …). No query filters or joins on a whole document, so their statistics do not change a plan, yet they
     * were half of the cost of each analyze (a sampled document is read, and decompressed, whole): 1.5–3.2 CPU s
     * against 1.5–1.7 s for the five golden tables after 100,000 records.
     */
    List<String> analyzedColumns(String... tables) {
        Map<String, String> columns = new HashMap<>();
        jdbc.sql(
                        """
                        select c.relname, string_agg(quote_ident(a.attname), ', ' order by a.attnum)
                          from pg_class c join pg_attribute a on a.attrelid = c.oid
                         where c.oid = any(cast(:tables as regclass[])) and a.attnum > 0 and not a.attisdropped
                           and a.atttypid <> 'jsonb'::regtype
                         group by c.relname
                        """)
                .param("tables", tables)
                .query(rs -> {
                    columns.put(rs.getString(1), rs.getString(2));
                });
        List<String> analyzed = new ArrayList<>(tables.length);
        for (String table : tables) {
            String list = columns.get(table);
            analyzed.add(list == null ? table : table + " (" + list + ")");
        }
        return analyzed;
    }

    /** Work memory of a bulk settle's write transactions ({@link #bulkWorkMemory}). */
    static final String BULK_WORK_MEM = "128MB";

    /**
     * Gives the current transaction (only) enough work memory for the settle's statements over a batch of golden
     * records: the rows a statement returns to write their versions and change events (about 3.5 kB each with their
     * lineage, 70 MB for a batch of 20,000), the sort of new golden records by id and of change events for their
     * numbers. With the default 4 MB each of them spilled to temporary files and was read back from them.
     */
    private void bulkWorkMemory() {
        WorkMemory.forTransaction(jdbc, BULK_WORK_MEM);
    }

    /** Records read and prepared for the engine, with their blocking keys (as text and as looked up). */
    private record PreparedChunk(
            List<PreparedRecord> records, Map<Long, List<String>> keys, BulkNeighbours.ChunkKeys lookup) {}

    private PreparedChunk prepareChunk(long entityTypeId, Matching.Engine engine, List<Long> ids) {
        List<PreparedRecord> records = new ArrayList<>(ids.size());
        Map<Long, List<String>> keys = new HashMap<>(ids.size() * 2);
        for (MatchRecord record : matching.records(ids)) {
            PreparedRecord p = engine.preparer().prepare(record);
            records.add(p);
            keys.put(record.id(), engine.preparer().blockingKeys(p));
        }
        return new PreparedChunk(records, keys, BulkNeighbours.ChunkKeys.of(entityTypeId, engine.preparer(), keys));
    }

    private static RecordPair goldenPair(UUID a, UUID b) {
        long x = a.getMostSignificantBits() ^ a.getLeastSignificantBits();
        long y = b.getMostSignificantBits() ^ b.getLeastSignificantBits();
        return RecordPair.of(x, y);
    }

    /** Writes the clusters: new records join the golden record their cluster continues, or a new one. */
    private Map<Long, UUID> write(EntityTypeView type, BulkResult result, Map<Long, UUID> existing) {
        Map<Long, UUID> goldenOf = new HashMap<>(existing);
        List<ResultCluster> clusters = result.clusters();
        int from = 0;
        while (from < clusters.size()) {
            int to = from;
            int records = 0;
            while (to < clusters.size() && records < WRITE_BATCH) {
                records += clusters.get(to).size();
                to++;
            }
            List<ResultCluster> chunk = clusters.subList(from, to);
            transaction.executeWithoutResult(status -> {
                store.lockType(type.id());
                bulkWorkMemory();
                List<Long> members = new ArrayList<>();
                for (ResultCluster cluster : chunk) {
                    for (long id : cluster.recordIds()) {
                        if (!existing.containsKey(id)) {
                            members.add(id);
                        }
                    }
                }
                // a record pushed meanwhile got its golden record already
                Set<Long> taken = crosswalkOf(members).keySet();
                Map<UUID, List<Long>> created = new LinkedHashMap<>();
                Map<Long, UUID> matched = new HashMap<>();
                Set<UUID> affected = new LinkedHashSet<>();
                for (ResultCluster cluster : chunk) {
                    List<Long> joining = new ArrayList<>();
                    for (long id : cluster.recordIds()) {
                        if (!existing.containsKey(id) && !taken.contains(id)) {
                            joining.add(id);
                        }
                    }
                    if (joining.isEmpty()) {
                        // no new record in it: its golden record stays as it is
                        continue;
                    }
                    UUID golden = cluster.continues();
                    if (golden == null) {
                        // the first record of a new cluster founds it; the others are matched into it
                        golden = GoldenIds.next();
                        created.put(golden, joining);
                    } else {
                        affected.add(golden);
                        for (long id : joining) {
                            matched.put(id, golden);
                        }
                    }
                    for (long id : joining) {
                        goldenOf.put(id, golden);
                    }
                }
                // new golden records are written once with their first version; the ones continued are built again
                recomputer.create(type, created, NEW_RULE, RULE, SYSTEM, "bulk load matched");
                store.link(matched, RULE, SYSTEM);
                recomputer.recompute(type, affected, SYSTEM, "bulk load matched");
            });
            from = to;
        }
        return goldenOf;
    }

    /**
     * Records of other golden records that share a blocking key with the given new records, through keys whose blocks
     * are within their caps ({@link BulkNeighbours}). First the records that share such a key (found from the keys,
     * through the key index), then their golden records (through the crosswalk's key): a single join of the keys with
     * the crosswalk lets the planner, when its statistics are stale as they are right after a load, walk the crosswalk
     * and scan the keys of every record in it, which took minutes with a few thousand records.
     */
    private Map<Long, UUID> existingNeighbours(long entityTypeId, List<Long> newRecords, BulkNeighbours keys) {
        Map<Long, UUID> found = new HashMap<>();
        boolean any = jdbc.sql(
                        """
                        select exists (select 1 from crosswalk c join source_record r on r.id = c.source_record_id
                                        where r.entity_type_id = :type)
                        """)
                .param("type", entityTypeId)
                .query(Boolean.class)
                .single();
        if (!any) {
            return found;
        }
        long start = System.nanoTime();
        Set<Long> sharing = keys.sharing(jdbc, transaction);
        newRecords.forEach(sharing::remove);
        List<Long> candidates = new ArrayList<>(sharing);
        for (int from = 0; from < candidates.size(); from += 20_000) {
            found.putAll(goldenOf(entityTypeId, candidates.subList(from, Math.min(candidates.size(), from + 20_000))));
        }
        log.info(
                "Found {} existing neighbours of {} new records through {} keys within their caps ({} shared by more"
                        + " new records than their cap) in {} ms, {}",
                found.size(),
                newRecords.size(),
                keys.looked(),
                keys.oversized(),
                (System.nanoTime() - start) / 1_000_000,
                keys.joined() ? "joined with the key table" : "looked up one by one");
        return found;
    }

    /** The golden record of each record that has one, whatever its state (a retired one comes back to life). */
    private Map<Long, UUID> crosswalkOf(Collection<Long> sourceRecordIds) {
        Map<Long, UUID> found = new HashMap<>();
        if (!sourceRecordIds.isEmpty()) {
            jdbc.sql("select source_record_id, golden_id from crosswalk where source_record_id = any(:ids)")
                    .param("ids", sourceRecordIds.toArray(Long[]::new))
                    .query(rs -> {
                        found.put(rs.getLong(1), rs.getObject(2, UUID.class));
                    });
        }
        return found;
    }

    /**
     * The active golden record of each assigned record, of the type only: a key hash that two types share (one in
     * about 2^64) finds no record of another type.
     */
    private Map<Long, UUID> goldenOf(long entityTypeId, Collection<Long> sourceRecordIds) {
        Map<Long, UUID> found = new HashMap<>();
        if (sourceRecordIds.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        """
                        select c.source_record_id, c.golden_id from crosswalk c
                         cross join lateral (select g.status, g.entity_type_id from golden_record g
                                              where g.id = c.golden_id limit 1) g
                         where c.source_record_id = any(:ids) and g.status = 'ACTIVE' and g.entity_type_id = :type
                        """)
                .param("type", entityTypeId)
                .param("ids", sourceRecordIds.toArray(Long[]::new))
                .query(rs -> {
                    found.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /** Pairs a steward asserted DIFFERENT: among the given records, or all of the type when null. */
    private Constraints different(long entityTypeId, Collection<Long> among) {
        Set<RecordPair> pairs = differentPairs(entityTypeId, among);
        return pairs.isEmpty() ? Constraints.none() : Constraints.different(pairs);
    }

    private Set<RecordPair> differentPairs(long entityTypeId, Collection<Long> among) {
        Set<RecordPair> pairs = new HashSet<>();
        jdbc.sql(
                        """
                        select record_a, record_b from match_assertion
                         where entity_type_id = :type and kind = 'DIFFERENT' and status = 'ASSERTED'
                           and (cast(:ids as bigint[]) is null
                                or (record_a = any(cast(:ids as bigint[])) and record_b = any(cast(:ids as bigint[]))))
                        """)
                .param("type", entityTypeId)
                .param("ids", among == null ? null : among.toArray(Long[]::new))
                .query(rs -> {
                    pairs.add(RecordPair.of(rs.getLong(1), rs.getLong(2)));
                });
        return pairs;
    }
}
