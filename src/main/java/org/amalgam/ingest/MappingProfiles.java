package org.amalgam.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.domain.MappingProfileStore;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest module's facade for mapping profiles: one saved mapping per source system and entity type, used by every
 * import of that source and type that comes without a mapping of its own.
 */
@Service
public class MappingProfiles {

    private static final TypeReference<Map<String, Object>> MAPPING = new TypeReference<>() {};

    private final MappingProfileStore store;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final JsonMapper json;

    MappingProfiles(MappingProfileStore store, SourceSystems sources, EntityTypes entityTypes, JsonMapper json) {
        this.store = store;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.json = json;
    }

    public Optional<MappingProfileView> find(String sourceCode, String typeCode) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = entityTypes.get(typeCode);
        return store.find(source.id(), type.id()).map(stored -> view(source, type, stored));
    }

    public MappingProfileView get(String sourceCode, String typeCode) {
        return find(sourceCode, typeCode).orElseThrow(() -> new NotFoundException(notSaved(sourceCode, typeCode)));
    }

    /** Every saved mapping of a source system, by entity type. */
    public List<MappingProfileView> forSource(String sourceCode) {
        SourceSystemView source = sources.get(sourceCode);
        return store.forSource(source.id()).stream()
                .flatMap(stored ->
                        entityTypes.findById(stored.entityTypeId()).stream().map(type -> view(source, type, stored)))
                .toList();
    }

    /**
     * Checks the mapping against the entity type's model and saves it, replacing the one before. The columns it names
     * are checked when a file arrives.
     */
    public SaveResult save(String sourceCode, String typeCode, String mapping, String user) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = entityTypes.get(typeCode);
        if (mapping == null || mapping.isBlank()) {
            throw new InvalidInputException("Send the mapping as a JSON object, e.g. {\"key\": \"id\", \"attributes\":"
                    + " {\"email\": \"mail\"}}; {} maps every column by its name.");
        }
        boolean created = save(source, type, Mapping.parse(mapping, type, json), user);
        return new SaveResult(get(sourceCode, typeCode), created);
    }

    boolean save(SourceSystemView source, EntityTypeView type, Mapping mapping, String user) {
        return store.save(source.id(), type.id(), json.writeValueAsString(mapping.toJson(json)), user);
    }

    public void delete(String sourceCode, String typeCode) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = entityTypes.get(typeCode);
        if (!store.delete(source.id(), type.id())) {
            throw new NotFoundException(notSaved(sourceCode, typeCode));
        }
    }

    /** The saved mapping's JSON, for an import of this source and type that comes without one. */
    Optional<String> mappingFor(SourceSystemView source, EntityTypeView type) {
        return store.find(source.id(), type.id()).map(MappingProfileStore.Stored::mappingJson);
    }

    private MappingProfileView view(SourceSystemView source, EntityTypeView type, MappingProfileStore.Stored stored) {
        return new MappingProfileView(
                source.code(),
                type.code(),
                json.readValue(stored.mappingJson(), MAPPING),
                stored.updatedBy(),
                stored.createdAt(),
                stored.updatedAt());
    }

    private static String notSaved(String source, String type) {
        return "No mapping is saved for " + source + "/" + type + "; its imports map columns by their names."
                + " Save one with PUT /api/v1/sources/" + source + "/mappings/" + type + " or in the mapping step of an"
                + " upload.";
    }

    /** The saved mapping, and whether this call created it. */
    public record SaveResult(MappingProfileView profile, boolean created) {}
}
