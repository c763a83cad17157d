package org.amalgam.ingest.file;

import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns JSON objects into rows: a field is a column, named in the order the fields first appear; a nested object's
 * fields are columns named with dot paths ({@code address.city}); an array stays one value, its compact JSON text;
 * numbers and booleans are their text. Memory holds the column names and one object.
 */
final class JsonRecords {

    /** More columns than this is not a table but a map (keys that are data), which needs a mapping of its own. */
    static final int MAX_COLUMNS = 2000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(TextInput.MAX_ROW_CHARS)
                    .build())
            .build();

    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private final Set<String> learned = new LinkedHashSet<>();
    private List<String> header = List.of();

    static JsonParser parser(Reader reader) {
        return FACTORY.createParser(ObjectReadContext.empty(), reader);
    }

    static JsonParser parser(String text) {
        return FACTORY.createParser(ObjectReadContext.empty(), text);
    }

    /** The columns seen so far. */
    List<String> header() {
        if (header.size() != columns.size()) {
            header = List.copyOf(columns.keySet());
        }
        return header;
    }

    /**
     * Notes the columns of the object the parser stands on (at its start) and moves past it; they become columns on
     * {@link #commit()}, so an object that turns out broken adds none.
     */
    void learn(JsonParser parser) {
        learned.clear();
        walk(parser, "", null, null);
    }

    void commit() {
        for (String path : learned) {
            column(path);
        }
        learned.clear();
    }

    /**
     * Reads the object the parser stands on (at its start) into values aligned with {@link #header()}, and writes its
     * compact text to {@code raw} unless that is null.
     */
    List<String> read(JsonParser parser, StringWriter raw) {
        return align(fields(parser, raw));
    }

    /** The object's fields, path and value one after the other; they become columns only through {@link #align}. */
    List<String> fields(JsonParser parser, StringWriter raw) {
        List<String> fields = new ArrayList<>();
        if (raw == null) {
            walk(parser, "", fields, null);
        } else {
            try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), raw)) {
                walk(parser, "", fields, generator);
            }
        }
        return fields;
    }

    /** The values of the fields in the order of {@link #header()}, which gains the fields it did not have yet. */
    List<String> align(List<String> fields) {
        List<String> values = new ArrayList<>(Collections.nCopies(columns.size(), null));
        for (int i = 0; i < fields.size(); i += 2) {
            int column = column(fields.get(i));
            while (values.size() <= column) {
                values.add(null);
            }
            values.set(column, fields.get(i + 1));
        }
        return values;
    }

    /** Collects path and value, one after the other, into {@code values}; or only the paths when it is null. */
    private void walk(JsonParser parser, String prefix, List<String> values, JsonGenerator raw) {
        if (raw != null) {
            raw.writeStartObject();
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (raw != null) {
                raw.writeName(name);
            }
            String path = prefix + name;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                walk(parser, path + ".", values, raw);
                continue;
            }
            if (values == null) {
                if (!columns.containsKey(path) && learned.add(path) && columns.size() + learned.size() > MAX_COLUMNS) {
                    throw tooManyColumns();
                }
                parser.skipChildren();
                continue;
            }
            String value;
            if (token == JsonToken.START_ARRAY) {
                value = compact(parser);
                if (raw != null) {
                    raw.writeRawValue(value);
                }
            } else {
                value = scalar(parser, token);
                if (raw != null) {
                    copyScalar(parser, token, raw);
                }
            }
            values.add(path);
            values.add(value);
        }
        if (raw != null) {
            raw.writeEndObject();
        }
    }

    private int column(String path) {
        Integer index = columns.get(path);
        if (index != null) {
            return index;
        }
        if (columns.size() >= MAX_COLUMNS) {
            throw tooManyColumns();
        }
        columns.put(path, columns.size());
        return columns.size() - 1;
    }

    private static UnreadableFileException tooManyColumns() {
        return new UnreadableFileException("The JSON objects hold more than " + MAX_COLUMNS
                + " different fields (nested fields count one each, such as address.city), so they do not make a"
                + " table. Send one object per record with the same fields in each.");
    }

    private static String scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> null;
        };
    }

    private static void copyScalar(JsonParser parser, JsonToken token, JsonGenerator raw) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            raw.writeNumber(parser.getText());
        } else {
            raw.copyCurrentEvent(parser);
        }
    }

    /** The compact JSON text of the value the parser stands on (at its first token), moving past it. */
    static String compact(JsonParser parser) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
            generator.copyCurrentStructureExact(parser);
        }
        return text.toString();
    }

    /** What a JSON value is, in words: "a number", "an array" … */
    static String describe(JsonToken token) {
        if (token == null) {
            return "empty";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> "not a value";
        };
    }

    /** Jackson's message without its location, which the caller says in its own words. */
    static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static boolean cutOff(JacksonException e) {
        return e instanceof UnexpectedEndOfInputException;
    }
}
