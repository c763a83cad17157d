package org.amalgam.model;

import java.util.List;
import java.util.Optional;

/** An entity type and its current model. */
public record EntityTypeView(long id, String code, String name, int version, List<AttributeDefinition> attributes) {

    public Optional<AttributeDefinition> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    public List<String> attributeNames() {
        return attributes.stream().map(AttributeDefinition::name).toList();
    }
}
