package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.amalgam.standardize.DateStandardizer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the columns of a file become a record's source key and attributes (API.md, "Import mapping"). Attributes the
 * mapping does not name still map from a column of the same name, ignoring case, spaces, '-' and '_'.
 *
 * @param keyColumn the column holding the source key, or null to find {@code source_key}, {@code key} or {@code id}
 * @param attributes per attribute: where its value comes from
 */
public record Mapping(String keyColumn, Map<String, AttributeSource> attributes) {

    private static final List<String> KEY_COLUMNS = List.of("sourcekey", "key", "id");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    public static Mapping automatic() {
        return new Mapping(null, Map.of());
    }

    /** Where one attribute's value comes from: a column (with an optional date format) or a template. */
    public record AttributeSource(String column, String format, String template) {}

    /**
     * Reads the optional {@code mapping} part and checks it against the model, so a wrong mapping is refused before
     * the file is processed.
     */
    public static Mapping parse(String text, EntityTypeView type, JsonMapper json) {
        if (text == null || text.isBlank()) {
            return automatic();
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException("The mapping is not valid JSON: " + e.getOriginalMessage()
                    + ". Expected {\"key\": \"column\", \"attributes\": {\"attribute\": \"column\"}}.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    "The mapping must be a JSON object such as {\"key\": \"id\", \"attributes\": {\"email\": \"mail\"}}.");
        }
        List<FieldError> errors = new ArrayList<>();
        String key = null;
        JsonNode keyNode = root.get("key");
        if (keyNode != null && !keyNode.isNull()) {
            if (keyNode.isString() && !keyNode.asString().isBlank()) {
                key = keyNode.asString();
            } else {
                errors.add(new FieldError("key", "must be the name of the column that holds the source key"));
            }
        }
        Map<String, AttributeSource> attributes = new LinkedHashMap<>();
        JsonNode attributesNode = root.get("attributes");
        if (attributesNode != null && !attributesNode.isNull()) {
            if (!attributesNode.isObject()) {
                errors.add(new FieldError("attributes", "must be an object from attribute name to column"));
            } else {
                for (var entry : attributesNode.properties()) {
                    String attribute = entry.getKey();
                    JsonNode source = entry.getValue();
                    String field = "attributes." + attribute;
                    if (type.attribute(attribute).isEmpty()) {
                        errors.add(new FieldError(
                                field,
                                "'" + attribute + "' is not an attribute of " + type.code() + "; known: "
                                        + String.join(", ", type.attributeNames())));
                    } else if (source.isString() && !source.asString().isBlank()) {
                        attributes.put(attribute, new AttributeSource(source.asString(), null, null));
                    } else if (source.isObject() && source.hasNonNull("column")) {
                        String format = source.hasNonNull("format")
                                ? source.get("format").asString()
                                : null;
                        if (format != null && !validDatePattern(format)) {
                            errors.add(new FieldError(
                                    field + ".format",
                                    "'" + format + "' is not a date pattern; use letters such as yyyy-MM-dd,"
                                            + " dd.MM.yyyy or yyyyMMdd"));
                        }
                        attributes.put(
                                attribute,
                                new AttributeSource(source.get("column").asString(), format, null));
                    } else if (source.isObject() && source.hasNonNull("template")) {
                        attributes.put(
                                attribute,
                                new AttributeSource(
                                        null, null, source.get("template").asString()));
                    } else {
                        errors.add(
                                new FieldError(
                                        field,
                                        "must be a column name, {\"column\": …, \"format\": …} or {\"template\": \"{a} {b}\"}"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The mapping does not fit the " + type.code() + " model", errors);
        }
        return new Mapping(key, attributes);
    }

    /** Binds this mapping to a file's header; a column the mapping names but the file lacks is an error. */
    public Bound bind(List<String> header, EntityTypeView type) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        Map<String, Integer> byNormalized = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(header.get(i), i);
            byNormalized.putIfAbsent(normalize(header.get(i)), i);
        }
        List<String> problems = new ArrayList<>();
        int key = -1;
        if (keyColumn != null) {
            key = column(keyColumn, byName, byNormalized);
            if (key < 0) {
                problems.add("the key column '" + keyColumn + "' is not in the file");
            }
        } else {
            for (String candidate : KEY_COLUMNS) {
                Integer index = byNormalized.get(candidate);
                if (index != null) {
                    key = index;
                    break;
                }
            }
            if (key < 0) {
                problems.add("no key column: name one in the mapping (\"key\") or call a column source_key, key or id");
            }
        }
        Map<String, BoundSource> bound = new LinkedHashMap<>();
        for (var attribute : type.attributes()) {
            AttributeSource source = attributes.get(attribute.name());
            if (source == null) {
                Integer index = byNormalized.get(normalize(attribute.name()));
                if (index != null && index != key) {
                    bound.put(attribute.name(), new BoundSource(index, null, null));
                }
            } else if (source.template() != null) {
                List<Object> parts = new ArrayList<>();
                Matcher m = PLACEHOLDER.matcher(source.template());
                int last = 0;
                while (m.find()) {
                    parts.add(source.template().substring(last, m.start()));
                    int index = column(m.group(1), byName, byNormalized);
                    if (index < 0) {
                        problems.add("the template of " + attribute.name() + " names the column '" + m.group(1)
                                + "', which is not in the file");
                    }
                    parts.add(index);
                    last = m.end();
                }
                parts.add(source.template().substring(last));
                bound.put(attribute.name(), new BoundSource(-1, null, parts));
            } else {
                int index = column(source.column(), byName, byNormalized);
                if (index < 0) {
                    problems.add("the column '" + source.column() + "' mapped to " + attribute.name()
                            + " is not in the file");
                }
                bound.put(attribute.name(), new BoundSource(index, source.format(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The file does not fit the mapping: " + String.join("; ", problems)
                    + ". Columns in the file: " + String.join(", ", header) + ".");
        }
        return new Bound(key, bound);
    }

    private static int column(String name, Map<String, Integer> byName, Map<String, Integer> byNormalized) {
        Integer index = byName.get(name);
        if (index == null) {
            index = byNormalized.get(normalize(name));
        }
        return index == null ? -1 : index;
    }

    private static boolean validDatePattern(String pattern) {
        try {
            new DateStandardizer(pattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    /** A mapping bound to the columns of one file. */
    public record Bound(int keyIndex, Map<String, BoundSource> attributes) {}

    /** A column index with an optional format, or a template whose parts are text and column indexes. */
    public record BoundSource(int index, String format, List<Object> template) {

        public String value(List<String> row) {
            if (template == null) {
                return index < row.size() ? row.get(index) : null;
            }
            StringBuilder text = new StringBuilder();
            boolean any = false;
            for (Object part : template) {
                if (part instanceof Integer i) {
                    String v = i < row.size() ? row.get(i) : null;
                    if (v != null && !v.isBlank()) {
                        text.append(v.strip());
                        any = true;
                    }
                } else {
                    text.append(part);
                }
            }
            return any ? text.toString() : null;
        }
    }
}
