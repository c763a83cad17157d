package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Keeps the text the CSV parser has read since the start of the current record, so that a rejected row can be shown
 * exactly as it stood in the file. Memory holds one record plus the parser's read-ahead, whatever the file size.
 */
final class RecordingReader extends Reader {

    private final Reader in;
    private final StringBuilder text = new StringBuilder();
    private long textStart;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
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
        return text.substring(start, end);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
