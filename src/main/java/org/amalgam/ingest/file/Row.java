package org.amalgam.ingest.file;

import java.util.List;

/**
 * One data row of a file.
 *
 * @param number 1 for the first data row (a header line is not counted)
 * @param values the fields in column order, aligned with the reader's header when the row was read
 * @param raw the row as it stood in the file, for rejections
 * @param problem why the row cannot be taken apart (a broken JSON line, bytes that are not text), or null; a row with
 *     a problem is rejected with it as the reason
 */
public record Row(long number, List<String> values, String raw, String problem) {

    public Row(long number, List<String> values, String raw) {
        this(number, values, raw, null);
    }

    /** A row that is rejected as it stood in the file, for the reason given. */
    static Row broken(long number, String raw, String problem) {
        return new Row(number, List.of(), raw, problem);
    }
}
