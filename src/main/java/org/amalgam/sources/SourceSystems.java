package org.amalgam.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.domain.SourceSystem;
import org.amalgam.sources.domain.SourceSystemRepository;
import org.amalgam.standardize.PhoneRegions;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sources module's facade: create, update and look up source systems. */
@Service
@Transactional(readOnly = true)
public class SourceSystems {

    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final int DEFAULT_PRIORITY = 100;

    private final SourceSystemRepository repository;

    private final JdbcClient jdbc;

    SourceSystems(SourceSystemRepository repository, JdbcClient jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /** Creates the source system with this code, or updates it; answers whether it was created. */
    @Transactional
    public SaveResult save(String code, SourceSystemDefinition definition) {
        validate(code, definition);
        int priority = definition.priority() == null ? DEFAULT_PRIORITY : definition.priority();
        Optional<SourceSystem> existing = repository.findByCode(code);
        SourceSystem source = existing.orElseGet(() -> new SourceSystem(code));
        source.update(
                definition.name().trim(),
                blankToNull(definition.department()),
                priority,
                definition.deduplicated() != null
                        ? definition.deduplicated()
                        : existing.map(SourceSystem::isDeduplicated).orElse(false),
                definition.phoneRegion() != null
                        ? PhoneRegions.of(definition.phoneRegion())
                        : existing.map(SourceSystem::getPhoneRegion).orElse(null));
        SourceSystem saved = repository.saveAndFlush(source);
        return new SaveResult(toView(saved), existing.isEmpty());
    }

    public List<SourceSystemView> list() {
        return repository.findAll(Sort.by("priority", "code")).stream()
                .map(SourceSystems::toView)
                .toList();
    }

    /** One plain query: every pushed record looks its source up. */
    public Optional<SourceSystemView> find(String code) {
        return jdbc.sql(
                        """
                        select id, code, name, department, priority, deduplicated, phone_region, created_at, updated_at
                          from source_system where code = :code
                        """)
                .param("code", code)
                .query((rs, n) -> new SourceSystemView(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("department"),
                        rs.getInt("priority"),
                        rs.getBoolean("deduplicated"),
                        rs.getString("phone_region"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    public SourceSystemView get(String code) {
        return find(code)
                .orElseThrow(() -> new NotFoundException("There is no source system '" + code
                        + "'. Create it first with PUT /api/v1/sources/" + code + " or on the Sources page."));
    }

    public Optional<SourceSystemView> findById(long id) {
        return repository.findById(id).map(SourceSystems::toView);
    }

    public long count() {
        return repository.count();
    }

    private static void validate(String code, SourceSystemDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add(new FieldError(
                    "code",
                    "must be 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit (e.g."
                            + " 'crm')"));
        }
        if (definition == null || definition.name() == null || definition.name().isBlank()) {
            errors.add(new FieldError("name", "is required (a readable name such as 'Sales CRM')"));
        } else if (definition.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (definition != null
                && definition.priority() != null
                && (definition.priority() < 0 || definition.priority() > 1_000_000)) {
            errors.add(new FieldError("priority", "must be between 0 and 1000000 (lower is more trusted)"));
        }
        if (definition != null
                && definition.phoneRegion() != null
                && !definition.phoneRegion().isBlank()
                && PhoneRegions.of(definition.phoneRegion()) == null) {
            errors.add(new FieldError(
                    "phoneRegion",
                    "must be the ISO 3166-1 alpha-2 code of a country with its own telephone numbering plan, e.g."
                            + " 'DE' or 'us' (any case), or \"\" for none; '" + abbreviate(definition.phoneRegion())
                            + "' is not one"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The source system is not valid", errors);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static SourceSystemView toView(SourceSystem s) {
        return new SourceSystemView(
                s.getId(),
                s.getCode(),
                s.getName(),
                s.getDepartment(),
                s.getPriority(),
                s.isDeduplicated(),
                s.getPhoneRegion(),
                s.getCreatedAt(),
                s.getUpdatedAt());
    }

    /** The saved source system, and whether this call created it. */
    public record SaveResult(SourceSystemView source, boolean created) {}
}
