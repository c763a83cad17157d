package org.amalgam.ingest.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** RFC 4180 CSV (and TSV and other delimiters), streamed: memory does not grow with the file. */
public final class CsvReader implements TabularReader {

    private final TextInput input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final RecordingReader recorder;

    private CsvReader(TextInput input, Character forcedDelimiter) throws IOException {
        this.input = input;
        String sample = input.sample();
        int newline = sample.indexOf('\n');
        String firstLine = newline < 0 ? sample : sample.substring(0, newline);
        char delimiter = forcedDelimiter != null ? forcedDelimiter : TextSniffer.delimiter(firstLine);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .get();
        this.recorder = new RecordingReader(new BufferedReader(input.reader(), 1 << 16));
        this.parser = CSVParser.builder().setReader(recorder).setFormat(format).get();
        this.records = parser.iterator();
        if (!hasNextRecord(0)) {
            throw new UnreadableFileException("The file is empty: it needs a header line and at least one row.");
        }
        List<String> names = new ArrayList<>(records.next().toList());
        for (int i = 0; i < names.size(); i++) {
            names.set(i, names.get(i).strip());
        }
        this.header = List.copyOf(names);
    }

    public static CsvReader open(Path file, Character delimiter) {
        TextInput input = TextInput.open(file, delimiter != null && delimiter == '\t' ? "TSV" : "CSV");
        try {
            return new CsvReader(input, delimiter);
        } catch (IOException e) {
            closeQuietly(input);
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(input);
            throw e;
        }
    }

    private static void closeQuietly(TextInput input) {
        try {
            input.close();
        } catch (IOException ignored) {
            // the file is refused already; that message matters more
        }
    }

    /** Commons CSV reports a broken file from {@code hasNext()} as an unchecked exception; say what it means. */
    private boolean hasNextRecord(long afterRow) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            String where = afterRow == 0 ? "in its header line" : "after row " + afterRow;
            if (e.getCause() instanceof RecordingReader.RecordTooLong) {
                throw new UnreadableFileException(
                        "The file is broken " + where + ": the next row is longer than " + TextInput.MAX_ROW_SIZE
                                + ". Check for an unclosed quote (\") there.",
                        e);
            }
            String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new UnreadableFileException(
                    "The file is broken " + where + ": " + message + ". Check for an unclosed quote (\") there.", e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Optional<Row> next() {
        if (!hasNextRecord(Math.max(0, parser.getRecordNumber() - 1))) {
            return Optional.empty();
        }
        CSVRecord record = records.next();
        long number = record.getRecordNumber() - 1;
        String raw = recorder.recordAt(record.getCharacterPosition());
        // a replacement before the row is in the header or an empty line: that is no row's problem
        input.reader().replacedBefore(record.getCharacterPosition());
        if (input.reader().replacedBefore(recorder.recordEnd())) {
            return Optional.of(new Row(
                    number,
                    record.toList(),
                    raw,
                    TextInput.notValidText(input.reader().charset())));
        }
        return Optional.of(new Row(number, record.toList(), raw));
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
