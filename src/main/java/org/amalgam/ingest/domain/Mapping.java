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
import tools.jackson.databind.node.ObjectNode;

/**
 * How the columns of a file become a record's source key and attributes (API.md, "Import mapping"). Attributes the
 * mapping does not name still map from a column of the same name, ignoring case, spaces, '-' and '_'; an attribute
 * mapped to {@code null} is not mapped at all.
 *
 * @param keyColumn the column holding the source key, or null to find {@code source_key}, {@code key} or {@code id}
 * @param attributes per attribute: where its value comes from
 */
public record Mapping(String keyColumn, Map<String, AttributeSource> attributes) {

    private static final List<String> KEY_COLUMNS = List.of("sourcekey", "key", "id");
    private static final List<String> FIELDS = List.of("key", "attributes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    public static Mapping automatic() {
        return new Mapping(null, Map.of());
    }

    /**
     * Where one attribute's value comes from: a column (with an optional date format) or a template; {@link #NONE}
     * when the attribute is explicitly not mapped (even if a column has its name).
     */
    public record AttributeSource(String column, String format, String template) {

        public static final AttributeSource NONE = new AttributeSource(null, null, null);

        public static AttributeSource column(String column, String format) {
            return new AttributeSource(column, format == null || format.isBlank() ? null : format, null);
        }

        public boolean none() {
            return column == null && template == null;
        }
    }

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
        for (var field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                errors.add(new FieldError(
                        field.getKey(), "is not part of a mapping; a mapping has only \"key\" and \"attributes\""));
            }
        }
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
                    } else if (source.isNull()) {
                        attributes.put(attribute, AttributeSource.NONE);
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
                        errors.add(new FieldError(
                                field,
                                "must be a column name, {\"column\": …, \"format\": …}, {\"template\": \"{a} {b}\"}"
                                        + " or null (not mapped)"));
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
        Columns columns = new Columns(header);
        List<String> problems = new ArrayList<>();
        int key;
        if (keyColumn != null) {
            key = columns.find(keyColumn);
            if (key < 0) {
                problems.add("the key column '" + keyColumn + "' is not in the file");
            }
        } else {
            key = columns.automaticKey();
            if (key < 0) {
                problems.add("no key column: name one in the mapping (\"key\") or call a column source_key, key or id");
            }
        }
        Map<String, BoundSource> bound = new LinkedHashMap<>();
        for (var attribute : type.attributes()) {
            AttributeSource source = attributes.get(attribute.name());
            if (source == null) {
                int index = columns.automatic(attribute.name(), key);
                if (index >= 0) {
                    bound.put(attribute.name(), new BoundSource(index, null, null));
                }
            } else if (source.none()) {
                // explicitly not mapped: a column of the same name stays in the raw payload only
            } else if (source.template() != null) {
                List<Object> parts = new ArrayList<>();
                Matcher m = PLACEHOLDER.matcher(source.template());
                int last = 0;
                while (m.find()) {
                    parts.add(source.template().substring(last, m.start()));
                    int index = columns.find(m.group(1));
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
                int index = columns.find(source.column());
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

    /**
     * This mapping applied to a file's header with every choice spelled out, as a person sees and changes it in the
     * mapping step: the key column and, for every attribute of the type, the header's column (with its format), the
     * template, or {@link AttributeSource#NONE}. What the mapping names but the file lacks falls back to the automatic
     * choice and is reported as a {@link Choices#misses() miss}.
     */
    public Choices choicesFor(List<String> header, EntityTypeView type) {
        Columns columns = new Columns(header);
        List<Miss> misses = new ArrayList<>();
        int key = -1;
        if (keyColumn != null) {
            key = columns.find(keyColumn);
            if (key < 0) {
                misses.add(new Miss(null, keyColumn));
            }
        }
        if (key < 0) {
            key = columns.automaticKey();
        }
        Map<String, AttributeSource> chosen = new LinkedHashMap<>();
        for (var attribute : type.attributes()) {
            String name = attribute.name();
            AttributeSource source = attributes.get(name);
            if (source != null && source.none()) {
                chosen.put(name, AttributeSource.NONE);
                continue;
            }
            if (source != null && source.template() != null) {
                List<String> missing = templateColumns(source.template()).stream()
                        .filter(column -> columns.find(column) < 0)
                        .toList();
                if (missing.isEmpty()) {
                    chosen.put(name, source);
                    continue;
                }
                missing.forEach(column -> misses.add(new Miss(name, column)));
            } else if (source != null) {
                int index = columns.find(source.column());
                if (index >= 0) {
                    chosen.put(name, AttributeSource.column(header.get(index), source.format()));
                    continue;
                }
                misses.add(new Miss(name, source.column()));
            }
            int automatic = columns.automatic(name, key);
            chosen.put(
                    name,
                    automatic < 0
                            ? AttributeSource.NONE
                            : AttributeSource.column(header.get(automatic), source == null ? null : source.format()));
        }
        return new Choices(key < 0 ? null : header.get(key), chosen, misses);
    }

    /**
     * The automatic mapping of a file, spelled out: the key column ({@code source_key}, {@code key} or {@code id}) and
     * each attribute's column of the same name, ignoring case, spaces, '-' and '_'.
     */
    public static Choices suggest(List<String> header, EntityTypeView type) {
        return automatic().choicesFor(header, type);
    }

    /**
     * The same mapping for this header without what the automatic mapping does anyway: it binds the file exactly as
     * this one does, and as a saved profile it keeps mapping by name the columns that later files add.
     */
    public Mapping minimal(List<String> header, EntityTypeView type) {
        Columns columns = new Columns(header);
        int automaticKey = columns.automaticKey();
        int key = keyColumn == null ? automaticKey : columns.find(keyColumn);
        String keptKey = keyColumn == null || (key >= 0 && key == automaticKey) ? null : keyColumn;
        Map<String, AttributeSource> kept = new LinkedHashMap<>();
        for (var attribute : type.attributes()) {
            AttributeSource source = attributes.get(attribute.name());
            if (source == null) {
                continue;
            }
            int automatic = columns.automatic(attribute.name(), key);
            boolean asAutomatic = source.none()
                    ? automatic < 0
                    : source.template() == null
                            && source.format() == null
                            && automatic >= 0
                            && columns.find(source.column()) == automatic;
            if (!asAutomatic) {
                kept.put(attribute.name(), source);
            }
        }
        return new Mapping(keptKey, kept);
    }

    /** The mapping as API.md writes it: what {@link #parse} reads back to an equal mapping. */
    public ObjectNode toJson(JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        if (keyColumn != null) {
            root.put("key", keyColumn);
        }
        if (attributes.isEmpty()) {
            return root;
        }
        ObjectNode map = root.putObject("attributes");
        attributes.forEach((attribute, source) -> {
            if (source.none()) {
                map.putNull(attribute);
            } else if (source.template() != null) {
                map.putObject(attribute).put("template", source.template());
            } else if (source.format() != null) {
                map.putObject(attribute).put("column", source.column()).put("format", source.format());
            } else {
                map.put(attribute, source.column());
            }
        });
        return root;
    }

    /** The column names a template's placeholders name, in order. */
    public static List<String> templateColumns(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * A mapping spelled out for one file.
     *
     * @param keyColumn the header's column that holds the source key, or null when none is named or found
     * @param attributes every attribute of the type, in model order
     * @param misses what the mapping named but the file does not have
     */
    public record Choices(String keyColumn, Map<String, AttributeSource> attributes, List<Miss> misses) {}

    /** A column the mapping names for an attribute (null: for the key) that the file does not have. */
    public record Miss(String attribute, String column) {}

    /** A header's columns, found by exact name first and then by normalized name; the first of equal names wins. */
    private static final class Columns {

        private final Map<String, Integer> byName = new LinkedHashMap<>();
        private final Map<String, Integer> byNormalized = new LinkedHashMap<>();

        Columns(List<String> header) {
            for (int i = 0; i < header.size(); i++) {
                byName.putIfAbsent(header.get(i), i);
                byNormalized.putIfAbsent(normalize(header.get(i)), i);
            }
        }

        int find(String name) {
            Integer index = byName.get(name);
            if (index == null) {
                index = byNormalized.get(normalize(name));
            }
            return index == null ? -1 : index;
        }

        int automaticKey() {
            for (String candidate : KEY_COLUMNS) {
                Integer index = byNormalized.get(candidate);
                if (index != null) {
                    return index;
                }
            }
            return -1;
        }

        /** The column of the attribute's name, unless it is the key column. */
        int automatic(String attribute, int key) {
            Integer index = byNormalized.get(normalize(attribute));
            return index == null || index == key ? -1 : index;
        }
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
