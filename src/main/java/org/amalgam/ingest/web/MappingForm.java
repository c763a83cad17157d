package org.amalgam.ingest.web;

import java.util.Map;
import org.amalgam.ingest.MappingChoices;

/**
 * What the mapping step posts: the key column, a column (or nothing) per attribute ({@code columns[email]}), date
 * formats ({@code formats[birth_date]}), and the two checkboxes. A request without any choice starts the step from the
 * saved mapping or the suggestion.
 */
record MappingForm(
        String key, Map<String, String> columns, Map<String, String> formats, Boolean snapshot, Boolean saveProfile) {

    /** The choices, or null when the request made none. */
    MappingChoices choices() {
        if (key == null && columns == null && formats == null) {
            return null;
        }
        return new MappingChoices(key, columns, formats);
    }
}
