package org.amalgam.model;

import java.util.List;
import java.util.Optional;

/** An entity type and its current model. */
public record EntityTypeView(
        long id,
        String code,
        String name,
        int version,
        List<AttributeDefinition> attributes,
        SurvivorshipSettings survivorship) {

    public EntityTypeView {
        survivorship = survivorship == null ? SurvivorshipSettings.DEFAULT : survivorship;
    }

    public EntityTypeView(long id, String code, String name, int version, List<AttributeDefinition> attributes) {
        this(id, code, name, version, attributes, SurvivorshipSettings.DEFAULT);
    }

    /** The attributes whose disagreeing sources open a CONFLICT review task. */
    public List<String> conflictSensitiveAttributeNames() {
        return attributes.stream()
                .filter(AttributeDefinition::conflictSensitive)
                .map(AttributeDefinition::name)
                .toList();
    }

    public Optional<AttributeDefinition> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** The attributes a list of records shows: those marked as summary, else the first six. */
    public List<String> summaryAttributeNames() {
        List<String> marked = attributes.stream()
                .filter(AttributeDefinition::summary)
                .map(AttributeDefinition::name)
                .toList();
        return marked.isEmpty() ? attributeNames().stream().limit(6).toList() : marked;
    }

    public List<String> attributeNames() {
        return attributes.stream().map(AttributeDefinition::name).toList();
    }
}
