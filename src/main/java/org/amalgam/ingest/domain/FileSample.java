package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amalgam.ingest.file.Row;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.ingest.file.UnreadableFileException;

/**
 * The header and first rows of a file, read once when it is staged, so that the mapping step can preview them as
 * often as a person changes the mapping without reading the file again.
 *
 * @param header the columns of these rows (formats without a header line, such as JSON, learn their columns from the
 *     rows, so a column may first appear in a later row)
 * @param rows up to {@link #ROWS} data rows
 * @param problem why the file cannot be read past the last of these rows, or null when it can
 */
public record FileSample(List<String> header, List<SampleRow> rows, String problem) {

    public static final int ROWS = 5;

    /** A preview shows a value up to this length; a longer one is shortened in the sample only. */
    static final int MAX_VALUE = 4000;

    public FileSample {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * One data row; {@code number} 1 is the first data row. A missing field is null. {@code problem} is what the
     * reader found wrong with the row, or null; {@code columns} how many of the header's columns the reader knew when
     * it read the row.
     */
    public record SampleRow(long number, List<String> values, String raw, String problem, int columns) {

        /** A row read with the whole header known, as a file with a header line is. */
        public SampleRow(long number, List<String> values, String raw) {
            this(number, values, raw, null, Integer.MAX_VALUE);
        }

        /** A row the reader could not take apart: the pipeline rejects it before it looks at any column. */
        public boolean broken() {
            return problem != null && values.isEmpty();
        }
    }

    /** The header as the reader knew it when it read this row. */
    public List<String> headerOf(SampleRow row) {
        return header.subList(0, Math.min(row.columns(), header.size()));
    }

    public FileSample(List<String> header, List<SampleRow> rows) {
        this(header, rows, null);
    }

    /**
     * Reads the header and the first rows. A file with no data row gives an empty sample. A file that breaks before
     * its first row throws what the reader throws; one that breaks after it gives the rows before, and the problem
     * (an import stores those rows and then fails with it).
     */
    public static FileSample read(TabularReader reader) {
        List<SampleRow> rows = new ArrayList<>(ROWS);
        String problem = null;
        while (rows.size() < ROWS) {
            Optional<Row> next;
            try {
                next = reader.next();
            } catch (UnreadableFileException e) {
                if (rows.isEmpty()) {
                    throw e;
                }
                problem = e.getMessage();
                break;
            }
            if (next.isEmpty()) {
                break;
            }
            Row row = next.get();
            List<String> values = new ArrayList<>(row.values().size());
            row.values().forEach(value -> values.add(shorten(value)));
            rows.add(new SampleRow(
                    row.number(),
                    values,
                    shorten(row.raw()),
                    row.problem(),
                    reader.header().size()));
        }
        return new FileSample(reader.header(), rows, problem);
    }

    /** jsonb holds no NUL characters (the pipeline drops them too), and a preview needs no megabyte values. */
    private static String shorten(String value) {
        String clean = RowStandardizer.clean(value);
        return clean == null || clean.length() <= MAX_VALUE ? clean : clean.substring(0, MAX_VALUE);
    }
}
