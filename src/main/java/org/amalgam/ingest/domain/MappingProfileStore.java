package org.amalgam.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saved mappings, one per source system and entity type. */
@Repository
public class MappingProfileStore {

    private final JdbcClient jdbc;

    MappingProfileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One saved mapping as stored: the mapping as JSON text, who saved it last, and when. */
    public record Stored(
            long entityTypeId, String mappingJson, String updatedBy, Instant createdAt, Instant updatedAt) {}

    public Optional<Stored> find(long sourceId, long entityTypeId) {
        return jdbc.sql(
                        """
                select entity_type_id, mapping::text as mapping, updated_by, created_at, updated_at
                  from mapping_profile where source_id = :source and entity_type_id = :type
                """)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .query(MappingProfileStore::map)
                .optional();
    }

    public List<Stored> forSource(long sourceId) {
        return jdbc.sql(
                        """
                select entity_type_id, mapping::text as mapping, updated_by, created_at, updated_at
                  from mapping_profile where source_id = :source order by entity_type_id
                """)
                .param("source", sourceId)
                .query(MappingProfileStore::map)
                .list();
    }

    /** Creates or replaces the mapping; answers whether it was created. */
    public boolean save(long sourceId, long entityTypeId, String mappingJson, String user) {
        return jdbc.sql(
                        """
                insert into mapping_profile (source_id, entity_type_id, mapping, updated_by)
                values (:source, :type, cast(:mapping as jsonb), :user)
                on conflict (source_id, entity_type_id) do update
                   set mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = now()
             returning (xmax = 0) as created
                """)
                .param("source", sourceId)
                .param("type", entityTypeId)
                .param("mapping", mappingJson)
                .param("user", user)
                .query(Boolean.class)
                .single();
    }

    /** Answers whether there was a mapping to delete. */
    public boolean delete(long sourceId, long entityTypeId) {
        return jdbc.sql("delete from mapping_profile where source_id = :source and entity_type_id = :type")
                        .param("source", sourceId)
                        .param("type", entityTypeId)
                        .update()
                == 1;
    }

    private static Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(
                rs.getLong("entity_type_id"),
                rs.getString("mapping"),
                rs.getString("updated_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
