package org.amalgam.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person chose in the mapping step: the key column and, per attribute, a column of the file (or a template, or
 * nothing: not mapped) and an optional format.
 *
 * @param key the column that holds the source key; blank to find source_key, key or id
 * @param columns attribute name to column; a blank or missing entry leaves the attribute unmapped
 * @param formats attribute name to date format; blank for none
 */
public record MappingChoices(String key, Map<String, String> columns, Map<String, String> formats) {

    public MappingChoices {
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        formats = formats == null ? Map.of() : new LinkedHashMap<>(formats);
    }

    String column(String attribute) {
        return blankToNull(columns.get(attribute));
    }

    String format(String attribute) {
        return blankToNull(formats.get(attribute));
    }

    String keyColumn() {
        return blankToNull(key);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
