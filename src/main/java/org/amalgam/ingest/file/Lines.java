package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits decoded text into lines ({@code \n} or {@code \r\n}), keeping where each line starts and ends, so that a
 * character the decoder replaced can be told to the line that holds it. A line longer than
 * {@link TextInput#MAX_ROW_CHARS} stops the reading.
 */
final class Lines {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int next;
    private int limit;
    private long bufferStart;
    private long number;
    private long start;
    private long end;

    Lines(Reader in) {
        this.in = in;
    }

    /** The next line without its line break, or null at the end of the text. */
    String next() {
        StringBuilder line = null;
        start = bufferStart + next;
        while (true) {
            if (next == limit && !fill()) {
                if (line == null) {
                    return null;
                }
                end = bufferStart + next;
                return finish(line);
            }
            int from = next;
            while (next < limit && buffer[next] != '\n') {
                next++;
            }
            if (line == null) {
                line = new StringBuilder(Math.max(16, next - from));
            }
            line.append(buffer, from, next - from);
            if (line.length() > TextInput.MAX_ROW_CHARS) {
                throw new UnreadableFileException("Line " + (number + 1) + " is longer than " + TextInput.MAX_ROW_SIZE
                        + ". NDJSON holds one object per line; a JSON array belongs in a file named .json.");
            }
            if (next < limit) {
                end = bufferStart + next;
                next++;
                return finish(line);
            }
        }
    }

    private String finish(StringBuilder line) {
        number++;
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    long number() {
        return number;
    }

    /** The character position of the first character of the last line. */
    long start() {
        return start;
    }

    /** The character position just after the last line (at its line break). */
    long end() {
        return end;
    }

    private boolean fill() {
        try {
            bufferStart += limit;
            next = 0;
            limit = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
    }
}
