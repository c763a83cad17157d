package org.amalgam.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amalgam.model.domain.EntityType;
import org.amalgam.model.domain.EntityTypeRepository;
import org.amalgam.model.domain.ModelCodec;
import org.amalgam.model.domain.ModelValidator;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.amalgam.shared.NotFoundException;
import org.amalgam.standardize.StandardizerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * The model module's facade: entity types and their models, read and changed as YAML or JSON documents. Every
 * change is a new version; the versions are kept.
 */
@Service
@Transactional(readOnly = true)
public class EntityTypes {

    private final EntityTypeRepository repository;
    private final JdbcClient jdbc;
    private final java.util.concurrent.ConcurrentMap<Long, EntityTypeView> views =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final StandardizerRegistry standardizers;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ModelSectionChecker> sectionCheckers;

    EntityTypes(
            EntityTypeRepository repository,
            JdbcClient jdbc,
            StandardizerRegistry standardizers,
            ApplicationEventPublisher events,
            ObjectProvider<ModelSectionChecker> sectionCheckers) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.standardizers = standardizers;
        this.events = events;
        this.sectionCheckers = sectionCheckers;
    }

    public List<EntityTypeView> list() {
        return repository.findAll(Sort.by("code")).stream()
                .map(EntityTypes::toView)
                .toList();
    }

    public Optional<EntityTypeView> find(String code) {
        return lookUp(code, "select id, version from entity_type where code = :key");
    }

    public Optional<EntityTypeView> findById(long id) {
        return lookUp(id, "select id, version from entity_type where id = :key");
    }

    /** The type by code or id: as this transaction saw it already, else its id and version read and parsed once. */
    private Optional<EntityTypeView> lookUp(Object key, String sql) {
        Map<Object, EntityTypeView> seen = seenInTransaction();
        EntityTypeView known = seen == null ? null : seen.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        return remember(
                seen,
                current(jdbc.sql(sql)
                        .param("key", key)
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)})
                        .optional()));
    }

    /** The key under which a transaction keeps the types it looked up. */
    private final Object seenKey = new Object();

    /**
     * The types this transaction looked up already, by code and by id (null outside a transaction): a pushed record
     * looks its type up three times (push, matching, conflict checks), and within one transaction the first answer
     * holds, as only {@link #save} changes a type and it forgets them.
     */
    @SuppressWarnings("unchecked")
    private Map<Object, EntityTypeView> seenInTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<Object, EntityTypeView> seen =
                (Map<Object, EntityTypeView>) TransactionSynchronizationManager.getResource(seenKey);
        if (seen == null) {
            seen = new HashMap<>();
            TransactionSynchronizationManager.bindResource(seenKey, seen);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(seenKey);
                }
            });
        }
        return seen;
    }

    private static Optional<EntityTypeView> remember(Map<Object, EntityTypeView> seen, Optional<EntityTypeView> type) {
        if (seen != null) {
            type.ifPresent(view -> {
                seen.put(view.code(), view);
                seen.put(view.id(), view);
            });
        }
        return type;
    }

    /**
     * The view of a model version, parsed once: every pushed record looks its type up several times, and a model
     * version never changes (a change is a new version), so one plain query for id and version decides whether the
     * view already parsed still holds.
     */
    private Optional<EntityTypeView> current(Optional<long[]> idAndVersion) {
        if (idAndVersion.isEmpty()) {
            return Optional.empty();
        }
        long id = idAndVersion.get()[0];
        int version = (int) idAndVersion.get()[1];
        EntityTypeView cached = views.get(id);
        if (cached != null && cached.version() == version) {
            return Optional.of(cached);
        }
        Optional<EntityTypeView> loaded = repository.findById(id).map(EntityTypes::toView);
        loaded.ifPresent(view -> views.put(id, view));
        return loaded;
    }

    public EntityTypeView get(String code) {
        return find(code).orElseThrow(() -> unknown(code));
    }

    /** The model as a document: type, name, version, attributes, match and survivorship settings. */
    public Map<String, Object> document(String code) {
        EntityType type = repository.findByCode(code).orElseThrow(() -> unknown(code));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type.getCode());
        document.put("name", type.getName());
        document.put("version", type.getVersion());
        document.putAll(type.getDefinition());
        return document;
    }

    /** The model as YAML or JSON text. */
    public String documentText(String code, boolean yaml) {
        Map<String, Object> document = document(code);
        return yaml ? ModelCodec.toYaml(document) : ModelCodec.toJson(document);
    }

    /**
     * A model document's problems, each with its field and line; empty when it can be saved. Sections other modules
     * understand (the match settings) are checked by their {@link ModelSectionChecker}s too.
     */
    public List<FieldError> check(String code, String text, boolean yaml) {
        try {
            ModelCodec.Parsed parsed = ModelCodec.parse(text == null ? "" : text, yaml);
            return ModelValidator.validate(
                    parsed,
                    code,
                    standardizers.names(),
                    sectionCheckers.orderedStream().toList());
        } catch (ModelCodec.SyntaxError e) {
            return List.of(new FieldError("(syntax)", e.getMessage() + " (column " + e.column() + ")", e.line()));
        }
    }

    /**
     * Saves a model document as the type's next version, or creates the type. A {@code version} in the document must
     * be the current one, so that two people editing at once never overwrite each other unseen.
     */
    @Transactional
    public SaveResult save(String code, String text, boolean yaml, String user) {
        JsonNode root = checked(code, text, yaml).root();
        Optional<EntityType> existing = repository.findByCode(code);
        JsonNode version = root.get("version");
        if (existing.isPresent()
                && version != null
                && !version.isNull()
                && version.asInt() != existing.get().getVersion()) {
            throw new ConflictException("The model of " + code + " changed since you read it: you sent version "
                    + version.asInt() + ", the current one is " + existing.get().getVersion()
                    + ". Read it again and apply your change to it.");
        }
        Map<String, Object> definition = new LinkedHashMap<>(ModelCodec.toMap(root));
        definition.remove("type");
        definition.remove("version");
        String name = (String) definition.remove("name");
        EntityTypeView previous = existing.map(EntityTypes::toView).orElse(null);
        Map<String, Object> previousDefinition = existing.<Map<String, Object>>map(
                        t -> new LinkedHashMap<>(t.getDefinition()))
                .orElse(Map.of());
        EntityType type = existing.orElseGet(() -> new EntityType(code));
        type.revise(name.strip(), definition);
        EntityType saved = repository.saveAndFlush(type);
        // the new version holds from here on, also for this transaction's later lookups
        Map<Object, EntityTypeView> seen = seenInTransaction();
        if (seen != null) {
            seen.clear();
        }
        jdbc.sql(
                        """
                        insert into entity_type_version (entity_type_id, version, definition, created_by)
                        values (:type, :version, cast(:definition as jsonb), :by)
                        """)
                .param("type", saved.getId())
                .param("version", saved.getVersion())
                .param("definition", ModelCodec.toJson(definition))
                .param("by", user)
                .update();
        EntityTypeView view = toView(saved);
        events.publishEvent(new ModelSaved(
                view,
                previous,
                previousDefinition.get("match"),
                previous != null && !sameSection(previousDefinition.get("match"), definition.get("match")),
                previous != null
                        && !sameSection(previousDefinition.get("survivorship"), definition.get("survivorship")),
                user));
        return new SaveResult(view, existing.isEmpty());
    }

    /**
     * Checks a model document as {@link #save} does, for an existing type, and answers what the type would look like
     * with it; nothing is saved. The document's {@code version} is not compared.
     */
    public ModelDraft draft(String code, String text, boolean yaml) {
        EntityType stored = repository.findByCode(code).orElseThrow(() -> unknown(code));
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(
                    "Send the model as YAML or JSON; GET it first to start from the current one.");
        }
        ModelCodec.Parsed parsed = checked(code, text, yaml);
        Map<String, Object> definition = new LinkedHashMap<>(ModelCodec.toMap(parsed.root()));
        definition.remove("type");
        definition.remove("version");
        String name = ((String) definition.remove("name")).strip();
        EntityTypeView current = toView(stored);
        EntityTypeView draft = view(current.id(), code, name, current.version(), definition);
        return new ModelDraft(draft, definition, parsed.lines());
    }

    private ModelCodec.Parsed checked(String code, String text, boolean yaml) {
        if (code == null || !code.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new InvalidInputException("An entity type's code is snake_case: a lowercase letter, then letters,"
                    + " digits or _ (e.g. 'publication').");
        }
        List<FieldError> errors = check(code, text, yaml);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The model of " + code + " is not valid", errors);
        }
        return ModelCodec.parse(text, yaml);
    }

    /** Two sections are the same when equal, an empty section being the same as none. */
    private static boolean sameSection(Object a, Object b) {
        boolean aEmpty = a == null || a instanceof Map<?, ?> map && map.isEmpty();
        boolean bEmpty = b == null || b instanceof Map<?, ?> map && map.isEmpty();
        return aEmpty && bEmpty || java.util.Objects.equals(a, b);
    }

    /** The saved type, and whether this call created it. */
    public record SaveResult(EntityTypeView type, boolean created) {}

    /** Versions of a model, newest first. */
    public List<ModelVersion> versions(String code) {
        EntityType type = repository.findByCode(code).orElseThrow(() -> unknown(code));
        return jdbc.sql(
                        """
                        select version, created_by, created_at from entity_type_version
                         where entity_type_id = :type order by version desc
                        """)
                .param("type", type.getId())
                .query((rs, n) -> new ModelVersion(
                        rs.getInt("version"),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** One saved version of a model. */
    public record ModelVersion(int version, String createdBy, java.time.Instant createdAt) {}

    private NotFoundException unknown(String code) {
        return new NotFoundException("There is no entity type '" + code + "'. Known types: "
                + String.join(", ", list().stream().map(EntityTypeView::code).toList()) + ".");
    }

    static EntityTypeView toView(EntityType type) {
        return view(type.getId(), type.getCode(), type.getName(), type.getVersion(), type.getDefinition());
    }

    @SuppressWarnings("unchecked")
    private static EntityTypeView view(long id, String code, String name, int version, Map<String, Object> definition) {
        Object raw = definition.getOrDefault("attributes", List.of());
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) raw) {
            attributes.add(AttributeDefinition.fromDocument(a));
        }
        return new EntityTypeView(
                id, code, name, version, attributes, SurvivorshipSettings.of(definition.get("survivorship")));
    }
}
