package org.amalgam.model;

import java.util.Map;

/**
 * A model document that was checked as a save would check it, but not saved: what the entity type would look like.
 *
 * @param type the type as the document describes it (the stored type's id and current version)
 * @param document the document's fields (attributes, match, survivorship …)
 * @param lines the line of every JSON pointer in the document, for messages
 */
public record ModelDraft(EntityTypeView type, Map<String, Object> document, Map<String, Integer> lines) {

    /** The line of a JSON pointer, or of the nearest field around it; null when unknown. */
    public Integer line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null || p.isEmpty()) {
                return line;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }
}
