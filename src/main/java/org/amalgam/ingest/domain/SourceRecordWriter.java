package org.amalgam.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.amalgam.shared.PostgresCopy;
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
 *
 * <p>A bulk load stores the rows whose keys are new with a plain {@code COPY} straight into {@code source_record}
 * ({@link BulkLoad}): staging them and inserting them with {@code INSERT ... ON CONFLICT} made PostgreSQL parse both
 * JSON documents twice and check every key against the unique index before writing it.
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

        /**
         * Whether the content hash is known: an encoded row carries it unless a value was not a string (then the
         * database computes it, so the row must go through the statement that does).
         */
        boolean hashed() {
            if (copyRow == null) {
                return contentHash != null;
            }
            int n = copyRow.length;
            // the hash is the line's last field: \N (null) or 32 hex digits
            return !(n >= 3 && copyRow[n - 3] == '\\' && copyRow[n - 2] == 'N');
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

    /**
     * Starts storing the batches of one bulk load, which come one after the other (one writer thread).
     *
     * @param snapshot whether the load is a full snapshot: every record it stores is marked as seen by it
     */
    public BulkLoad bulkLoad(long sourceId, long entityTypeId, UUID importJobId, boolean snapshot) {
        return new BulkLoad(sourceId, entityTypeId, importJobId, snapshot);
    }

    /**
     * The storing of one bulk load's encoded batches ({@link Input#encoded}), with exactly the outcome of {@link
     * #upsert} (and {@link #markSeen} for a snapshot), but cheaper for new keys: the rows whose keys the source does
     * not hold yet are written with a plain {@code COPY} into {@code source_record} (their ids drawn from its
     * sequence first, so the ids of the created records are known), and only the others go through the staged
     * upsert. A new record has no earlier version, so neither the history trigger nor the conflict check has anything
     * to do for it.
     *
     * <p>Which keys are new: a load starts by assuming all of them are (a first load, the common bulk case), and
     * checks nothing; the unique key makes a wrong guess fail, and the batch is then rolled back to a savepoint and
     * stored again the careful way. From then on each batch first asks the database which of its keys exist (one
     * query). The careful way is also what a batch falls back to when another writer stored one of its keys between
     * that query and the {@code COPY}.
     */
    public final class BulkLoad {

        private final long sourceId;
        private final long entityTypeId;
        private final UUID importJobId;
        private final boolean snapshot;

        /** The fixed fields that follow a row's id in the {@code COPY} line: source, type, job (and seen by). */
        private final byte[] fixedFields;

        private boolean assumeNew = true;

        private BulkLoad(long sourceId, long entityTypeId, UUID importJobId, boolean snapshot) {
            this.sourceId = sourceId;
            this.entityTypeId = entityTypeId;
            this.importJobId = importJobId;
            this.snapshot = snapshot;
            String fixed = "\t" + sourceId + "\t" + entityTypeId + "\t" + importJobId + "\t";
            this.fixedFields = (snapshot ? fixed + importJobId + "\t" : fixed).getBytes(StandardCharsets.US_ASCII);
        }

        /** Stores one batch (distinct keys) inside the caller's transaction. */
        public Result store(List<Input> batch) {
            List<Input> fresh = new ArrayList<>(batch.size());
            List<Input> rest = new ArrayList<>();
            split(batch, assumeNew ? Set.of() : existingKeys(batch), fresh, rest);
            List<Long> created = fresh.isEmpty() ? List.of() : insertNew(fresh);
            if (created == null && assumeNew) {
                // some keys were there already: ask which from now on
                assumeNew = false;
                fresh.clear();
                rest.clear();
                split(batch, existingKeys(batch), fresh, rest);
                created = fresh.isEmpty() ? List.of() : insertNew(fresh);
            }
            if (created == null) {
                // another writer stored one of the keys meanwhile: the whole batch the careful way
                created = List.of();
                rest = batch;
            }
            if (rest.isEmpty()) {
                return new Result(created, List.of());
            }
            Result upserted = upsert(sourceId, entityTypeId, importJobId, rest);
            if (snapshot) {
                markSeen(
                        sourceId,
                        entityTypeId,
                        importJobId,
                        rest.stream().map(Input::sourceKey).toList());
            }
            if (created.isEmpty()) {
                return upserted;
            }
            List<Long> all = new ArrayList<>(created.size() + upserted.created().size());
            all.addAll(created);
            all.addAll(upserted.created());
            return new Result(all, upserted.updated());
        }

        /** Rows that can be copied in as new (their key is not among those that exist, their hash is known). */
        private static void split(List<Input> batch, Set<String> existing, List<Input> fresh, List<Input> rest) {
            for (Input input : batch) {
                (input.hashed() && (existing.isEmpty() || !existing.contains(input.sourceKey())) ? fresh : rest)
                        .add(input);
            }
        }

        private Set<String> existingKeys(List<Input> batch) {
            return new HashSet<>(jdbc.sql(
                            """
                            select source_key from source_record
                             where source_id = :source and entity_type_id = :type and source_key = any(:keys)
                            """)
                    .param("source", sourceId)
                    .param("type", entityTypeId)
                    .param("keys", batch.stream().map(Input::sourceKey).toArray(String[]::new))
                    .query(String.class)
                    .list());
        }

        /**
         * Copies the rows into {@code source_record} as version 1 of new records; answers their ids, or null when a
         * key was there already (nothing of the batch stays written).
         */
        private List<Long> insertNew(List<Input> rows) {
            // The identity's sequence by name: a literal becomes a regclass constant once, where
            // pg_get_serial_sequence(…) was evaluated again for each of the batch's ids (40 ms per 10,000 ids, not 6)
            List<Long> ids = jdbc.sql("select nextval('source_record_id_seq') from generate_series(1, :n)")
                    .param("n", rows.size())
                    .query(Long.class)
                    .list();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    copyNew(connection, rows, ids);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    return null;
                }
                connection.releaseSavepoint(savepoint);
                return ids;
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("Could not store the batch: " + e.getMessage(), e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        private void copyNew(Connection connection, List<Input> rows, List<Long> ids) throws SQLException {
            String copySql = "copy source_record (id, source_id, entity_type_id, import_job_id, "
                    + (snapshot ? "seen_by_import, " : "")
                    + "source_key, raw, attributes, issues, content_hash) from stdin";
            PostgresCopy.in(connection, copySql, copy -> {
                CopyText text = new CopyText(copy);
                for (int i = 0; i < rows.size(); i++) {
                    Input input = rows.get(i);
                    text.ascii(ids.get(i).toString());
                    text.line(fixedFields);
                    if (input.copyRow() != null) {
                        text.line(input.copyRow());
                    } else {
                        text.field(input.sourceKey());
                        text.field(input.rawJson());
                        text.field(input.attributesJson());
                        text.field(input.issuesJson());
                        text.last(input.contentHash());
                    }
                }
                text.flush();
            });
        }
    }

    private Result upsertStaged(long sourceId, long entityTypeId, UUID importJobId, List<Input> batch) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PostgresCopy.staged(
                    connection,
                    """
                    create temporary table if not exists amalgam_record_stage (
                        source_key text not null, raw jsonb not null, attributes jsonb not null,
                        issues jsonb not null, hash text) on commit delete rows
                    """,
                    "copy amalgam_record_stage (source_key, raw, attributes, issues, hash) from stdin",
                    copy -> {
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
                    });
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

        /** Text known to be ASCII without tabs, newlines or backslashes (a number). */
        void ascii(String value) throws SQLException {
            for (int i = 0; i < value.length(); i++) {
                put((byte) value.charAt(i));
            }
        }

        /** Bytes already in the format: a whole line, or fields with their tabs. */
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
