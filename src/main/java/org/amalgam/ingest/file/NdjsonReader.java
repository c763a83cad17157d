package org.amalgam.ingest.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Newline-delimited JSON: one object per line, blank lines skipped (see {@link JsonRecords} for how an object becomes a
 * row). A line that is not one JSON object is a rejected row, not a failed import. The file is read twice: first to
 * learn every column, then row by row.
 */
public final class NdjsonReader implements TabularReader {

    private final JsonRecords records;
    private final TextInput input;
    private final Lines lines;
    private long number;

    private NdjsonReader(Path file) {
        this.records = new JsonRecords();
        learnColumns(file, records);
        this.input = TextInput.open(file, "NDJSON");
        this.lines = new Lines(input.reader());
    }

    public static NdjsonReader open(Path file) {
        return new NdjsonReader(file);
    }

    /** The first reading: the columns of every line that is an object. */
    private static void learnColumns(Path file, JsonRecords records) {
        try (TextInput input = TextInput.open(file, "NDJSON")) {
            Lines lines = new Lines(input.reader());
            boolean first = true;
            boolean any = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                any = true;
                try (JsonParser parser = JsonRecords.parser(line)) {
                    if (parser.nextToken() == JsonToken.START_OBJECT) {
                        records.learn(parser);
                        if (parser.nextToken() == null) {
                            records.commit();
                        }
                    }
                } catch (JacksonException e) {
                    if (first) {
                        refuseObjectsOverSeveralLines(file);
                    }
                }
                first = false;
            }
            if (!any) {
                throw new UnreadableFileException("The file is empty: it needs one JSON object per line.");
            }
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * A first line that is not JSON on its own may be the start of a pretty-printed object: that is a JSON document,
     * not NDJSON, and every line of it would be rejected. Say so instead.
     */
    private static void refuseObjectsOverSeveralLines(Path file) {
        try (TextInput input = TextInput.open(file, "JSON");
                JsonParser parser = JsonRecords.parser(input.reader())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() == null) {
                throw new UnreadableFileException("The file is JSON but not an array of objects: it holds one object"
                        + " over several lines. Send an array of objects ([{\"id\": …}, {\"id\": …}]) or one object"
                        + " per line (NDJSON).");
            }
            throw new UnreadableFileException("The file holds JSON objects that each span several lines, so it is not"
                    + " NDJSON (one object per line). Send an array of objects ([{\"id\": …}, {\"id\": …}]) or one"
                    + " object per line.");
        } catch (JacksonException | IOException e) {
            // not one JSON document either: the first line is simply broken, and is rejected as a row
        }
    }

    @Override
    public List<String> header() {
        return records.header();
    }

    @Override
    public Optional<Row> next() {
        String line = lines.next();
        while (line != null && line.isBlank()) {
            line = lines.next();
        }
        if (line == null) {
            return Optional.empty();
        }
        number++;
        String raw = line.strip();
        Row row = parse(raw);
        DecodingReader reader = input.reader();
        reader.replacedBefore(lines.start());
        if (reader.replacedBefore(lines.end()) && row.problem() == null) {
            return Optional.of(new Row(number, row.values(), raw, TextInput.notValidText(reader.charset())));
        }
        return Optional.of(row);
    }

    private Row parse(String line) {
        try (JsonParser parser = JsonRecords.parser(line)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return Row.broken(
                        number,
                        line,
                        "the line is " + JsonRecords.describe(token) + ", not an object: each line must be one JSON"
                                + " object such as {\"id\": \"…\", \"email\": \"…\"}");
            }
            List<String> fields = records.fields(parser, null);
            if (parser.nextToken() != null) {
                return Row.broken(
                        number,
                        line,
                        "the line holds more than one JSON value: put each object on a line of" + " its own");
            }
            return new Row(number, records.align(fields), line);
        } catch (JacksonException e) {
            return Row.broken(
                    number,
                    line,
                    "the line is not valid JSON ("
                            + (e.getLocation() == null
                                    ? ""
                                    : "at column " + e.getLocation().getColumnNr() + ": ")
                            + JsonRecords.reason(e) + ")");
        }
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
