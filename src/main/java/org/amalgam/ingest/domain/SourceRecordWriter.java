package org.amalgam.ingest.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Stores a batch of source records in one statement: new keys are inserted, changed content becomes a new version,
 * the same content again is left alone (UNCHANGED). The current version is the {@code source_record} row (with the
 * import that wrote it); the version it replaces goes to {@code source_record_history} (a trigger, V018), and the view
 * {@code source_record_version} shows them all.
 */
@Repository
public class SourceRecordWriter {

    /**
     * Stores the rows of a relation {@code (source_key, raw, attributes, issues, hash)}: new keys are inserted, changed
     * content becomes a new version (the trigger of V018 keeps the one it replaces), the same content again is left
     * alone. The relation is the array input of a small batch or the staging table of a large one.
     */
    private static final String STORE_FROM =
            """
            upserted as (
                insert into source_record as sr (source_id, entity_type_id, source_key, raw, attributes, issues,
                                                 content_hash, import_job_id)
                select :source, :type, source_key, raw, attributes, issues,
                       coalesce(hash, md5(raw::text || attributes::text)), :job
                  from %s
                on conflict (source_id, entity_type_id, source_key) do update
                   set raw = excluded.raw, attributes = excluded.attributes, issues = excluded.issues,
                       content_hash = excluded.content_hash, import_job_id = excluded.import_job_id,
                       version = sr.version + 1, deleted = false, updated_at = now()
                 where sr.content_hash is distinct from excluded.content_hash or sr.deleted
                returning sr.id, (sr.xmax = 0) as inserted
            )
            select id, inserted from upserted
            """;

    private static final String UPSERT =
            """
            with input as (
                select t.source_key, cast(t.raw as jsonb) as raw, cast(t.attributes as jsonb) as attributes,
                       cast(t.issues as jsonb) as issues, t.hash
                  from unnest(cast(:keys as text[]), cast(:raws as text[]), cast(:attributes as text[]),
                              cast(:issues as text[]), cast(:hashes as text[]))
                       as t(source_key, raw, attributes, issues, hash)
            ), """
                    + STORE_FROM.formatted("input");

    /** The same statement reading the staging table that {@code COPY} filled, for large batches. */
    private static final String UPSERT_STAGED = "with " + STORE_FROM.formatted("amalgam_record_stage");

    /** From this many records on, a batch goes through {@code COPY} into a staging table instead of arrays. */
    static final int COPY_THRESHOLD = 200;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    SourceRecordWriter(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * One record to store: its key, raw payload and standardized attributes (JSON objects), the data-quality issues
     * found while standardizing (a JSON array), and the content hash when the caller computed it ({@link
     * RecordEncoder}; null lets the database compute it).
     */
    public record Input(
            String sourceKey,
            String rawJson,
            String attributesJson,
            String issuesJson,
            String contentHash,
            byte[] copyRow) {

        public Input(String sourceKey, String rawJson, String attributesJson, String issuesJson, String contentHash) {
            this(sourceKey, rawJson, attributesJson, issuesJson, contentHash, null);
        }

        public Input(String sourceKey, String rawJson, String attributesJson, String issuesJson) {
            this(sourceKey, rawJson, attributesJson, issuesJson, null);
        }

        /**
         * A record already written as one line of {@code COPY}'s text format (key, raw, attributes, issues, hash; see
         * {@link RecordEncoder}): a bulk load's workers write it, so the writer thread only passes bytes on. A batch
         * with such a record always goes through {@code COPY}.
         */
        static Input encoded(String sourceKey, byte[] copyRow) {
            return new Input(sourceKey, null, null, null, null, copyRow);
        }

        /** A record without data-quality issues. */
        public Input(String sourceKey, String rawJson, String attributesJson) {
            this(sourceKey, rawJson, attributesJson, "[]", null);
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
     * a new version (the live one goes to the history); answers their ids (empty when none is left).
     */
    public List<Long> deleteUnseen(long sourceId, long entityTypeId, UUID importJobId, int limit) {
        return jdbc.sql(
                        """
                        update source_record set deleted = true, version = version + 1, updated_at = now(),
                                                 import_job_id = :job
                         where id in (select id from source_record
                                       where source_id = :source and entity_type_id = :type and not deleted
                                         and seen_by_import is distinct from :job
                                       limit :limit)
                        returning id
                        """)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("job", importJobId)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Stores a batch. Keys must be distinct within one batch. A large batch is streamed with {@code COPY} into a
     * temporary staging table (emptied at commit) and stored from there with one statement; it must run inside a
     * transaction.
     */
    public Result upsert(long sourceId, long entityTypeId, UUID importJobId, List<Input> batch) {
        if (batch.size() >= COPY_THRESHOLD || batch.stream().anyMatch(input -> input.copyRow() != null)) {
            return upsertStaged(sourceId, entityTypeId, importJobId, batch);
        }
        String[] keys = new String[batch.size()];
        String[] raws = new String[batch.size()];
        String[] attributes = new String[batch.size()];
        String[] issues = new String[batch.size()];
        String[] hashes = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            hashes[i] = batch.get(i).contentHash();
            keys[i] = batch.get(i).sourceKey();
            raws[i] = batch.get(i).rawJson();
            attributes[i] = batch.get(i).attributesJson();
            issues[i] = batch.get(i).issuesJson();
        }
        return store(
                jdbc.sql(UPSERT)
                        .param("keys", keys)
                        .param("raws", raws)
                        .param("attributes", attributes)
                        .param("issues", issues)
                        .param("hashes", hashes),
                sourceId,
                entityTypeId,
                importJobId);
    }

    /** Runs one of the two store statements and sorts the stored records into created and changed. */
    private static Result store(
            JdbcClient.StatementSpec statement, long sourceId, long entityTypeId, UUID importJobId) {
        List<Long> created = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        statement
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("job", importJobId)
                .query(rs -> {
                    (rs.getBoolean("inserted") ? created : updated).add(rs.getLong("id"));
                });
        return new Result(created, updated);
    }

    private Result upsertStaged(long sourceId, long entityTypeId, UUID importJobId, List<Input> batch) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        """
                        create temporary table if not exists amalgam_record_stage (
                            source_key text not null, raw jsonb not null, attributes jsonb not null,
                            issues jsonb not null, hash text) on commit delete rows
                        """);
            }
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy amalgam_record_stage (source_key, raw, attributes, issues, hash) from stdin");
            try {
                CopyText text = new CopyText(copy);
                for (Input input : batch) {
                    if (input.copyRow() != null) {
                        text.line(input.copyRow());
                        continue;
                    }
                    text.field(input.sourceKey());
                    text.field(input.rawJson());
                    text.field(input.attributesJson());
                    text.field(input.issuesJson());
                    if (input.contentHash() == null) {
                        text.lastNull();
                    } else {
                        text.last(input.contentHash());
                    }
                }
                text.flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not stage the batch: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return store(jdbc.sql(UPSERT_STAGED), sourceId, entityTypeId, importJobId);
    }

    /** Writes rows in {@code COPY}'s text format (tab between fields, backslash escapes) through a byte buffer. */
    private static final class CopyText {

        private final CopyIn copy;
        private final byte[] buffer = new byte[1 << 16];
        private int length;

        CopyText(CopyIn copy) {
            this.copy = copy;
        }

        void field(String value) throws SQLException {
            write(value);
            put((byte) '\t');
        }

        void last(String value) throws SQLException {
            write(value);
            put((byte) '\n');
        }

        /** A whole line, already in the format. */
        void line(byte[] line) throws SQLException {
            if (length + line.length > buffer.length) {
                flush();
                if (line.length > buffer.length) {
                    copy.writeToCopy(line, 0, line.length);
                    return;
                }
            }
            System.arraycopy(line, 0, buffer, length, line.length);
            length += line.length;
        }

        void lastNull() throws SQLException {
            put((byte) '\\');
            put((byte) 'N');
            put((byte) '\n');
        }

        private void write(String value) throws SQLException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> {
                            put((byte) '\\');
                            put((byte) '\\');
                        }
                        case '\n' -> {
                            put((byte) '\\');
                            put((byte) 'n');
                        }
                        case '\r' -> {
                            put((byte) '\\');
                            put((byte) 'r');
                        }
                        case '\t' -> {
                            put((byte) '\\');
                            put((byte) 't');
                        }
                        default -> put((byte) c);
                    }
                } else if (c < 0x800) {
                    put((byte) (0xC0 | (c >> 6)));
                    put((byte) (0x80 | (c & 0x3F)));
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    put((byte) (0xF0 | (cp >> 18)));
                    put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                    put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                    put((byte) (0x80 | (cp & 0x3F)));
                } else if (Character.isSurrogate(c)) {
                    // a lone surrogate is not text: U+FFFD, as the JSON writer would have to
                    put((byte) 0xEF);
                    put((byte) 0xBF);
                    put((byte) 0xBD);
                } else {
                    put((byte) (0xE0 | (c >> 12)));
                    put((byte) (0x80 | ((c >> 6) & 0x3F)));
                    put((byte) (0x80 | (c & 0x3F)));
                }
            }
        }

        private void put(byte b) throws SQLException {
            if (length == buffer.length) {
                flush();
            }
            buffer[length++] = b;
        }

        void flush() throws SQLException {
            if (length > 0) {
                copy.writeToCopy(buffer, 0, length);
                length = 0;
            }
        }
    }
}
