package org.amalgam.ingest.file;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    private final CountingInputStream counter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final RecordingReader recorder;

    private CsvReader(Path file, Character forcedDelimiter) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, TextSniffer.SAMPLE);
            buffered.mark(TextSniffer.SAMPLE);
            byte[] sample = new byte[TextSniffer.SAMPLE];
            int length = buffered.readNBytes(sample, 0, sample.length);
            buffered.reset();
            TextSniffer.Encoding encoding = TextSniffer.encoding(sample, length);
            if (TextSniffer.looksBinary(sample, length, encoding.charset())) {
                throw new UnreadableFileException(
                        "The file is not a text file (it holds binary data). Upload a CSV or TSV file, or name the"
                                + " right format.");
            }
            buffered.skipNBytes(encoding.bomLength());
            String sampleText = new String(
                    sample, encoding.bomLength(), Math.max(0, length - encoding.bomLength()), encoding.charset());
            int newline = sampleText.indexOf('\n');
            String firstLine = newline < 0 ? sampleText : sampleText.substring(0, newline);
            char delimiter = forcedDelimiter != null ? forcedDelimiter : TextSniffer.delimiter(firstLine);

            this.counter = new CountingInputStream(buffered);
            CSVFormat format = CSVFormat.RFC4180
                    .builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(true)
                    .setIgnoreSurroundingSpaces(false)
                    .get();
            this.recorder = new RecordingReader(
                    new BufferedReader(new InputStreamReader(counter, encoding.charset()), 1 << 16));
            this.parser =
                    CSVParser.builder().setReader(recorder).setFormat(format).get();
            this.records = parser.iterator();
            if (!hasNextRecord(0)) {
                throw new UnreadableFileException("The file is empty: it needs a header line and at least one row.");
            }
            List<String> names = new ArrayList<>(records.next().toList());
            for (int i = 0; i < names.size(); i++) {
                names.set(i, names.get(i).strip());
            }
            this.header = List.copyOf(names);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static CsvReader open(Path file, Character delimiter) {
        try {
            return new CsvReader(file, delimiter);
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
    }

    /** Commons CSV reports a broken file from {@code hasNext()} as an unchecked exception; say what it means. */
    private boolean hasNextRecord(long afterRow) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            String where = afterRow == 0 ? "in its header line" : "after row " + afterRow;
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
        return Optional.of(new Row(
                record.getRecordNumber() - 1, record.toList(), recorder.recordAt(record.getCharacterPosition())));
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
