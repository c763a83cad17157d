package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Keeps the text the CSV parser has read since the start of the current record, so that a rejected row can be shown
 * exactly as it stood in the file. Memory holds one record plus the parser's read-ahead, whatever the file size; a
 * record longer than {@link TextInput#MAX_ROW_CHARS} (a quote that is never closed) stops the reading.
 */
final class RecordingReader extends Reader {

    private final Reader in;
    private final StringBuilder text = new StringBuilder();
    private long textStart;
    private long recordEnd;

    RecordingReader(Reader in) {
        this.in = in;
    }

    /** Thrown when one record grows beyond the limit; the CSV reader says which row. */
    static final class RecordTooLong extends IOException {
        RecordTooLong() {
            super("a row is longer than " + TextInput.MAX_ROW_SIZE);
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (text.length() > TextInput.MAX_ROW_CHARS) {
            throw new RecordTooLong();
        }
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            text.append(buffer, offset, n);
        }
        return n;
    }

    /**
     * The record that starts at {@code position} (a character offset), up to its line end outside quotes, and forgets
     * everything before it.
     */
    String recordAt(long position) {
        int from = (int) (position - textStart);
        if (from < 0 || from > text.length()) {
            recordEnd = position;
            return "";
        }
        text.delete(0, from);
        textStart = position;
        // the parser skips empty lines, and may count them as the start of the next record
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        boolean quoted = false;
        int end = start;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            end++;
        }
        recordEnd = textStart + end;
        return text.substring(start, end);
    }

    /** The character position just after the record that {@link #recordAt} returned last. */
    long recordEnd() {
        return recordEnd;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
