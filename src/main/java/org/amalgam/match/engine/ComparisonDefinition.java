package org.amalgam.match.engine;

import java.util.List;

/**
 * One comparison: how the values of one attribute of two records are compared, as ordered levels. Each level gets its
 * own weight; the first level that holds is the pair's level.
 *
 * @param name the comparison's name in explanations, usually the attribute's
 * @param attribute the attribute compared
 * @param swappedWith the attribute a {@code swapped} level compares across (first and last name), or null
 * @param termFrequency whether agreement on the {@code exact} level weighs by how rare the value is: agreeing on
 *     "Xiong" counts more than agreeing on "Smith"
 * @param levels the levels in order, from {@code missing} to {@code else}
 */
public record ComparisonDefinition(
        String name, String attribute, String swappedWith, boolean termFrequency, List<LevelDefinition> levels) {

    public ComparisonDefinition {
        levels = List.copyOf(levels);
    }

    /** The attributes the comparison reads. */
    public List<String> attributes() {
        return swappedWith == null ? List.of(attribute) : List.of(attribute, swappedWith);
    }

    /** The index of the first level of a kind, or -1. */
    public int levelIndex(LevelKind kind) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }
}
