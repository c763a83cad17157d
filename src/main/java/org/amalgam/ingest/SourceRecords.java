package org.amalgam.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The ingest module's facade for reading stored source records. */
@Service
@Transactional(readOnly = true)
public class SourceRecords {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SourceRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<SourceRecordView> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                select r.id, s.code as source, s.priority, t.code as type, r.source_key, r.version,
                       r.attributes::text as attributes, r.raw::text as raw, r.deleted, r.updated_at
                  from source_record r
                  join source_system s on s.id = r.source_id
                  join entity_type t on t.id = r.entity_type_id
                 where r.id = any(:ids)
                 order by s.priority, s.code, r.source_key
                """)
                .param("ids", ids.toArray(Long[]::new))
                .query(this::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from source_record where not deleted")
                .query(Long.class)
                .single();
    }

    private SourceRecordView map(ResultSet rs, int n) throws SQLException {
        return new SourceRecordView(
                rs.getLong("id"),
                rs.getString("source"),
                rs.getInt("priority"),
                rs.getString("type"),
                rs.getString("source_key"),
                rs.getInt("version"),
                json.readValue(rs.getString("attributes"), MAP),
                json.readValue(rs.getString("raw"), MAP),
                rs.getBoolean("deleted"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
