package org.amalgam.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.domain.RecordPipeline;
import org.amalgam.ingest.file.Row;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record at a time, pushed by a source system: the same pipeline as a file (map, standardize, validate, store),
 * with the attribute names of the model as columns.
 */
@Service
public class RecordPushes {

    static final String KEY_COLUMN = "source_key";

    /** Each attribute of a pushed body maps to itself; the key comes from the path. */
    private static final Mapping PUSH_MAPPING = new Mapping(KEY_COLUMN, Map.of());

    private final RecordPipeline pipeline;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final org.amalgam.ingest.domain.RowStandardizer rows;

    RecordPushes(
            RecordPipeline pipeline,
            SourceSystems sources,
            EntityTypes entityTypes,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            JsonMapper json,
            org.amalgam.ingest.domain.RowStandardizer rows) {
        this.rows = rows;
        this.pipeline = pipeline;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
    }

    /** What a push did to the source record. */
    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** The stored source record and what happened to it. */
    public record PushResult(long sourceRecordId, Change change) {}

    /**
     * Standardizes an attribute map as a push of it would, and stores nothing: what the record would look like in
     * the hub (for finding its matches). Values that fail validation are left out, as they would be.
     */
    public Map<String, Object> standardize(String typeCode, Map<String, Object> body) {
        EntityTypeView type = entityTypes.get(typeCode);
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("Send the record as a JSON object of attribute names and values.");
        }
        List<String> header = new ArrayList<>();
        List<String> values = new ArrayList<>();
        asRow("match", body, header, values);
        Mapping.Bound bound = PUSH_MAPPING.bind(header, type);
        return rows.standardize(type, bound, header, values).attributes();
    }

    /** A pushed body as one row of a file: the key column first, then a column per attribute. */
    private void asRow(String sourceKey, Map<String, Object> body, List<String> header, List<String> values) {
        header.add(KEY_COLUMN);
        values.add(sourceKey);
        body.forEach((name, value) -> {
            if (!KEY_COLUMN.equals(name)) {
                header.add(name);
                values.add(text(value));
            }
        });
    }

    /**
     * Stores one record. Values may be strings, numbers or booleans; nested objects and arrays are kept as JSON text
     * in the raw payload. A record that the model rejects (a missing required attribute) is refused with the reasons.
     */
    @Transactional
    public PushResult push(String sourceCode, String typeCode, String sourceKey, Map<String, Object> body) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = entityTypes.get(typeCode);
        if (sourceKey == null || sourceKey.isBlank()) {
            throw new InvalidInputException("The source key in the path is empty.");
        }
        if (body == null) {
            throw new InvalidInputException("Send the record as a JSON object of attribute names and values.");
        }
        List<String> header = new ArrayList<>();
        List<String> values = new ArrayList<>();
        asRow(sourceKey, body, header, values);
        RecordPipeline.Result result = pipeline.run(
                new RecordPipeline.Target(null, source, type, PUSH_MAPPING),
                new OneRow(header, new Row(1, values, json.writeValueAsString(body))),
                (counts, bytes) -> {},
                () -> false);
        if (!result.rejections().isEmpty()) {
            throw new InvalidInputException("The record was not stored: "
                    + String.join("; ", result.rejections().get(0).reasons()) + ".");
        }
        if (!result.created().isEmpty()) {
            return new PushResult(result.created().get(0), Change.CREATED);
        }
        if (!result.updated().isEmpty()) {
            return new PushResult(result.updated().get(0), Change.UPDATED);
        }
        return new PushResult(idOf(source, type, sourceKey).orElseThrow(), Change.UNCHANGED);
    }

    /**
     * The source no longer has this record: it is marked deleted (its versions stay), and its golden record is
     * recomputed. Answers the record's id.
     */
    @Transactional
    public long delete(String sourceCode, String typeCode, String sourceKey) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = entityTypes.get(typeCode);
        long id = idOf(source, type, sourceKey)
                .orElseThrow(() -> new NotFoundException("Source " + source.code() + " has no " + type.code()
                        + " record with the key '" + sourceKey + "'."));
        int deleted = jdbc.sql(
                        """
                        update source_record set deleted = true, version = version + 1, updated_at = now(),
                                                 import_job_id = null
                         where id = :id and not deleted
                        """)
                .param("id", id)
                .update();
        if (deleted > 0) {
            events.publishEvent(new SourceRecordsDeleted(type.id(), List.of(id)));
        }
        return id;
    }

    private Optional<Long> idOf(SourceSystemView source, EntityTypeView type, String sourceKey) {
        return jdbc.sql(
                        """
                        select id from source_record
                         where source_id = :source and entity_type_id = :type and source_key = :key
                        """)
                .param("source", source.id())
                .param("type", type.id())
                .param("key", sourceKey)
                .query(Long.class)
                .optional();
    }

    private String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return json.writeValueAsString(value);
        }
        return value.toString();
    }

    /** A reader over the one pushed record. */
    private static final class OneRow implements TabularReader {

        private final List<String> header;
        private Row row;

        OneRow(List<String> header, Row row) {
            this.header = header;
            this.row = row;
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public Optional<Row> next() {
            Optional<Row> next = Optional.ofNullable(row);
            row = null;
            return next;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
