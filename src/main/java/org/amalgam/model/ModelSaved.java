package org.amalgam.model;

/**
 * A model was saved as a new version, published in the transaction that saved it.
 *
 * @param type the entity type as saved
 * @param previous the type as it was before, or null when this save created it
 * @param previousMatch the {@code match} section of the version before (null or empty for the defaults)
 * @param matchChanged whether the {@code match} section differs from the version before
 * @param survivorshipChanged whether the {@code survivorship} section differs from the version before
 * @param by who saved it
 */
public record ModelSaved(
        EntityTypeView type,
        EntityTypeView previous,
        Object previousMatch,
        boolean matchChanged,
        boolean survivorshipChanged,
        String by) {}
