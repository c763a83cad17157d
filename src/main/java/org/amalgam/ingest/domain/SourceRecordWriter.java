package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores a batch of source records in one statement: new keys are inserted, changed content becomes a new version,
 * the same content again is left alone (UNCHANGED). Every stored version is kept in {@code source_record_version}.
 */
@Repository
public class SourceRecordWriter {

    private static final String UPSERT =
            """
            with input as (
                select t.source_key, cast(t.raw as jsonb) as raw, cast(t.attributes as jsonb) as attributes,
                       cast(t.issues as jsonb) as issues
                  from unnest(cast(:keys as text[]), cast(:raws as text[]), cast(:attributes as text[]),
                              cast(:issues as text[])) as t(source_key, raw, attributes, issues)
            ), upserted as (
                insert into source_record as sr (source_id, entity_type_id, source_key, raw, attributes, issues,
                                                 content_hash)
                select :source, :type, source_key, raw, attributes, issues, md5(raw::text || attributes::text)
                  from input
                on conflict (source_id, entity_type_id, source_key) do update
                   set raw = excluded.raw, attributes = excluded.attributes, issues = excluded.issues,
                       content_hash = excluded.content_hash,
                       version = sr.version + 1, deleted = false, updated_at = now()
                 where sr.content_hash is distinct from excluded.content_hash or sr.deleted
                returning sr.id, sr.version, sr.raw, sr.attributes, sr.issues, (sr.xmax = 0) as inserted
            ), versions as (
                insert into source_record_version (source_record_id, version, raw, attributes, issues, import_job_id)
                select id, version, raw, attributes, issues, :job from upserted
            )
            select id, inserted from upserted
            """;

    private final JdbcClient jdbc;

    SourceRecordWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One record to store: its key, raw payload and standardized attributes (JSON objects), and the data-quality
     * issues found while standardizing (a JSON array).
     */
    public record Input(String sourceKey, String rawJson, String attributesJson, String issuesJson) {

        /** A record without data-quality issues. */
        public Input(String sourceKey, String rawJson, String attributesJson) {
            this(sourceKey, rawJson, attributesJson, "[]");
        }
    }

    /** What the batch did: the ids of created and of changed records; the rest were unchanged. */
    public record Result(List<Long> created, List<Long> updated) {

        public List<Long> changed() {
            List<Long> all = new ArrayList<>(created.size() + updated.size());
            all.addAll(created);
            all.addAll(updated);
            return all;
        }
    }

    /** Marks the records of a batch as seen by a snapshot import, changed or not. */
    public void markSeen(long sourceId, long entityTypeId, UUID importJobId, List<String> sourceKeys) {
        jdbc.sql(
                        """
                        update source_record set seen_by_import = :job
                         where source_id = :source and entity_type_id = :type and source_key = any(:keys)
                        """)
                .param("job", importJobId)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("keys", sourceKeys.toArray(String[]::new))
                .update();
    }

    /**
     * Marks up to {@code limit} live records of the source that the snapshot import did not see as deleted, each with
     * a new version; answers their ids (empty when none is left).
     */
    public List<Long> deleteUnseen(long sourceId, long entityTypeId, UUID importJobId, int limit) {
        return jdbc.sql(
                        """
                        with gone as (
                            update source_record set deleted = true, version = version + 1, updated_at = now()
                             where id in (select id from source_record
                                           where source_id = :source and entity_type_id = :type and not deleted
                                             and seen_by_import is distinct from :job
                                           limit :limit)
                         returning id, version, raw, attributes, issues
                        ), versions as (
                            insert into source_record_version
                                   (source_record_id, version, raw, attributes, issues, deleted, import_job_id)
                            select id, version, raw, attributes, issues, true, :job from gone
                        )
                        select id from gone
                        """)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("job", importJobId)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Keys must be distinct within one batch. */
    public Result upsert(long sourceId, long entityTypeId, UUID importJobId, List<Input> batch) {
        String[] keys = new String[batch.size()];
        String[] raws = new String[batch.size()];
        String[] attributes = new String[batch.size()];
        String[] issues = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            keys[i] = batch.get(i).sourceKey();
            raws[i] = batch.get(i).rawJson();
            attributes[i] = batch.get(i).attributesJson();
            issues[i] = batch.get(i).issuesJson();
        }
        List<Long> created = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        jdbc.sql(UPSERT)
                .param("keys", keys)
                .param("raws", raws)
                .param("attributes", attributes)
                .param("issues", issues)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("job", importJobId)
                .query(rs -> {
                    (rs.getBoolean("inserted") ? created : updated).add(rs.getLong("id"));
                });
        return new Result(created, updated);
    }
}
