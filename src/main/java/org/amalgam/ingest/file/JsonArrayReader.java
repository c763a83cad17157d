package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * A JSON array of objects ({@code [{"id": 1, …}, …]}), streamed object by object (see {@link JsonRecords} for how an
 * object becomes a row). The file is read twice: first to learn every column and to check that the JSON is whole, so
 * a file that was cut off fails before anything is stored; then row by row. An element that is not an object is a
 * rejected row.
 */
public final class JsonArrayReader implements TabularReader {

    private static final String EXPECTED =
            "Send an array of objects ([{\"id\": …}, {\"id\": …}]) or one object per line" + " (NDJSON).";

    private final JsonRecords records;
    private final TextInput input;
    private final JsonParser parser;
    private long number;
    private boolean done;

    private JsonArrayReader(Path file) {
        this.records = new JsonRecords();
        learnColumns(file, records);
        this.input = TextInput.open(file, "JSON");
        try {
            this.parser = JsonRecords.parser(input.reader());
            parser.nextToken();
        } catch (JacksonException e) {
            closeQuietly(input);
            throw broken(e, 0);
        }
    }

    public static JsonArrayReader open(Path file) {
        return new JsonArrayReader(file);
    }

    /** The first reading: every column, in order of first appearance, and proof that the array is complete. */
    private static void learnColumns(Path file, JsonRecords records) {
        try (TextInput input = TextInput.open(file, "JSON");
                JsonParser parser = JsonRecords.parser(input.reader())) {
            long rows = 0;
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new UnreadableFileException("The file is empty: it needs a JSON array of objects.");
                }
                if (token != JsonToken.START_ARRAY) {
                    throw new UnreadableFileException("The file is JSON but not an array of objects: it holds "
                            + what(parser, token) + ". " + EXPECTED);
                }
                for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    long start = parser.currentTokenLocation().getCharOffset();
                    if (token == JsonToken.START_OBJECT) {
                        records.learn(parser);
                        records.commit();
                    } else {
                        parser.skipChildren();
                    }
                    rows++;
                    if (parser.currentLocation().getCharOffset() - start > TextInput.MAX_ROW_CHARS) {
                        throw new UnreadableFileException("Row " + rows + " of the JSON array is larger than "
                                + TextInput.MAX_ROW_SIZE + "; nothing was imported. " + EXPECTED);
                    }
                }
                token = parser.nextToken();
                if (token != null) {
                    throw new UnreadableFileException("The file holds more JSON after the end of its array (at "
                            + where(parser.currentTokenLocation()) + "); nothing was imported. Send one array of"
                            + " objects.");
                }
            } catch (JacksonException e) {
                throw broken(e, rows);
            }
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
    }

    /** "one object (with the fields a, b, c)", "a number" …, moving past the value. */
    private static String what(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            return "a single value (" + JsonRecords.describe(token) + ")";
        }
        List<String> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            if (fields.size() < 5) {
                fields.add(parser.currentName());
            } else if (fields.size() == 5) {
                fields.add("…");
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return fields.isEmpty() ? "one empty object" : "one object (with the fields " + String.join(", ", fields) + ")";
    }

    static UnreadableFileException broken(JacksonException e, long rows) {
        if (JsonRecords.cutOff(e)) {
            String where = rows == 0 ? "before its first row is complete" : "after row " + rows;
            return new UnreadableFileException(
                    "The JSON file ends " + where + ": it was cut off (the rest of the"
                            + " array is missing), so nothing was imported. Export or upload the whole file again.",
                    e);
        }
        String after = rows == 0 ? "" : " after row " + rows;
        return new UnreadableFileException(
                "The file is not valid JSON" + after + " (at " + where(e.getLocation()) + ": " + JsonRecords.reason(e)
                        + "), so nothing was imported.",
                e);
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "an unknown place";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public List<String> header() {
        return records.header();
    }

    @Override
    public Optional<Row> next() {
        if (done) {
            return Optional.empty();
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                done = true;
                return Optional.empty();
            }
            number++;
            long start = parser.currentTokenLocation().getCharOffset();
            Row row;
            if (token == JsonToken.START_OBJECT) {
                StringWriter raw = new StringWriter();
                List<String> values = records.read(parser, raw);
                row = new Row(number, values, raw.toString());
            } else {
                row = Row.broken(
                        number,
                        JsonRecords.compact(parser),
                        "the element is " + JsonRecords.describe(token) + ", not an object: each element of the"
                                + " array must be an object such as {\"id\": \"…\", \"email\": \"…\"}");
            }
            DecodingReader reader = input.reader();
            reader.replacedBefore(start);
            if (reader.replacedBefore(parser.currentLocation().getCharOffset())) {
                String problem = row.problem() != null ? row.problem() : TextInput.notValidText(reader.charset());
                return Optional.of(new Row(row.number(), row.values(), row.raw(), problem));
            }
            return Optional.of(row);
        } catch (JacksonException e) {
            throw broken(e, number - 1);
        }
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            input.close();
        }
    }

    private static void closeQuietly(TextInput input) {
        try {
            input.close();
        } catch (IOException ignored) {
            // the file is refused already; that message matters more
        }
    }
}
