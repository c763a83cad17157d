package org.amalgam.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file written as UTF-8 straight from a reused {@link StringBuilder} into a byte buffer: no String, no encoder
 * and no char copy per line (the generator's hot path writes a million of them).
 */
final class Utf8Output implements AutoCloseable {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    Utf8Output(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
    }

    void write(CharSequence text) throws IOException {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (used > buffer.length - 4) {
                flush();
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | (c >> 6));
                buffer[used++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                buffer[used++] = (byte) (0xF0 | (code >> 18));
                buffer[used++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                buffer[used++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (code & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buffer[used++] = '?';
            } else {
                buffer[used++] = (byte) (0xE0 | (c >> 12));
                buffer[used++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
