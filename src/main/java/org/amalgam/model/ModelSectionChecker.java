package org.amalgam.model;

import java.util.List;
import java.util.Map;

/**
 * Checks the content of one section of a model document that another module understands (the match module checks
 * {@code match}), so that a model whose section that module could not use is never saved. The model module checks
 * only the section's shape; it calls every checker that is a Spring bean when a document is checked, saved or dry-run,
 * and reports each problem like its own: with the field and the line.
 */
public interface ModelSectionChecker {

    /** The top-level field of the model document this checker reads, e.g. {@code match}. */
    String section();

    /**
     * The problems of the section; empty when it is valid. Called only when the section is an object (an empty one
     * included) and every attribute of the document has a valid name and data type.
     *
     * @param typeCode the entity type's code
     * @param section the section as YAML or JSON parsed it (maps, lists, strings, numbers, booleans)
     * @param attributes the attributes as the document defines them
     */
    List<Problem> check(String typeCode, Map<String, Object> section, List<AttributeDefinition> attributes);

    /**
     * What is wrong with one place of a section.
     *
     * @param path where, as a JSON pointer from the document's root, e.g. {@code /match/comparisons/2/attribute}
     * @param field the same place as the model's errors name fields, e.g. {@code match.comparisons[2].attribute}
     * @param message what is wrong and what to write instead
     */
    record Problem(String path, String field, String message) {}
}
