package org.amalgam.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * UTF-8 text built in a growable byte array, straight from reused {@link StringBuilder}s: no String, no encoder and
 * no char copy per line (the generator's hot path writes a million of them). With a file, full buffers are written
 * out as they fill.
 */
final class Utf8Output implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream out;
    private byte[] bytes;
    private int size;

    /** An in-memory buffer. */
    Utf8Output(int capacity) {
        this.out = null;
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** A file, written through a 64 KB buffer. */
    Utf8Output(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
        this.bytes = new byte[FLUSH_AT + 4096];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void write(CharSequence text) throws IOException {
        int length = text.length();
        ensure(length * 3);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                b[at++] = (byte) (0xF0 | (code >> 18));
                b[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (code & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        size = at;
        flushIfFull();
    }

    /** Bytes already encoded, such as part of another buffer. */
    void write(Utf8Output source, int from, int to) throws IOException {
        int length = to - from;
        if (out != null && length > FLUSH_AT) {
            flush();
            out.write(source.bytes, from, length);
            return;
        }
        ensure(length);
        System.arraycopy(source.bytes, from, bytes, size, length);
        size += length;
        flushIfFull();
    }

    private void ensure(int more) throws IOException {
        if (size + more <= bytes.length) {
            return;
        }
        if (out != null) {
            flush();
            if (more <= bytes.length) {
                return;
            }
        }
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    private void flushIfFull() throws IOException {
        if (out != null && size >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    @Override
    public void close() throws IOException {
        if (out == null) {
            return;
        }
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
