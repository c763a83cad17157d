package org.amalgam.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amalgam.model.domain.EntityType;
import org.amalgam.model.domain.EntityTypeRepository;
import org.amalgam.shared.NotFoundException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The model module's facade: look up entity types and their attributes. */
@Service
@Transactional(readOnly = true)
public class EntityTypes {

    private final EntityTypeRepository repository;

    EntityTypes(EntityTypeRepository repository) {
        this.repository = repository;
    }

    public List<EntityTypeView> list() {
        return repository.findAll(Sort.by("code")).stream()
                .map(EntityTypes::toView)
                .toList();
    }

    public Optional<EntityTypeView> find(String code) {
        return repository.findByCode(code).map(EntityTypes::toView);
    }

    public Optional<EntityTypeView> findById(long id) {
        return repository.findById(id).map(EntityTypes::toView);
    }

    public EntityTypeView get(String code) {
        return find(code)
                .orElseThrow(() -> new NotFoundException("There is no entity type '" + code
                        + "'. Known types: "
                        + String.join(
                                ", ", list().stream().map(EntityTypeView::code).toList()) + "."));
    }

    @SuppressWarnings("unchecked")
    static EntityTypeView toView(EntityType type) {
        Object raw = type.getDefinition().getOrDefault("attributes", List.of());
        List<AttributeDefinition> attributes = ((List<Map<String, Object>>) raw)
                .stream()
                        .map(a -> new AttributeDefinition(
                                (String) a.get("name"),
                                (String) a.getOrDefault("type", "text"),
                                Boolean.TRUE.equals(a.get("required")),
                                Boolean.TRUE.equals(a.get("summary"))))
                        .toList();
        return new EntityTypeView(type.getId(), type.getCode(), type.getName(), type.getVersion(), attributes);
    }
}
