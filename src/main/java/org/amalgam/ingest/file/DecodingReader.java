package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * Decodes a file's bytes without ever failing on them. A byte sequence that is not valid in the file's encoding becomes
 * U+FFFD, and its position is remembered, so that the reader can reject the row that holds it instead of storing a
 * wrong character unnoticed (a file that mixes encodings).
 *
 * <p>A file whose first bytes are plain ASCII is read as UTF-8 until its first non-ASCII byte tells: when that byte is
 * not valid UTF-8, the rest of the file is read as Windows-1252. Nothing read before changes, since ASCII reads the same
 * in both.
 */
final class DecodingReader extends Reader {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final InputStream in;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final ArrayDeque<Long> replaced = new ArrayDeque<>();
    private CharsetDecoder decoder;
    private boolean provisional;
    private boolean endOfInput;
    private boolean finished;
    private long position;

    /**
     * @param provisional true when only ASCII was seen so far, so the encoding ({@code charset} must then be UTF-8) is
     *     a guess that the first non-ASCII byte may overturn
     */
    DecodingReader(InputStream in, Charset charset, boolean provisional) {
        this.in = in;
        this.decoder = strict(charset);
        this.provisional = provisional;
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The encoding the file is read in now. */
    Charset charset() {
        return decoder.charset();
    }

    /** Characters handed out so far: the position of the next one. */
    long position() {
        return position;
    }

    /**
     * True when a character before {@code end} (a character position) had to be replaced; forgets those positions, so
     * each replacement is told once, to the row that holds it.
     */
    boolean replacedBefore(long end) {
        boolean any = false;
        while (!replaced.isEmpty() && replaced.peekFirst() < end) {
            replaced.pollFirst();
            any = true;
        }
        return any;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset && !finished) {
            if (!bytes.hasRemaining() && !endOfInput) {
                fill();
            }
            int before = out.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (provisional) {
                settleOnNonAscii(buffer, before, out.position());
            }
            if (result.isError()) {
                if (provisional) {
                    // everything so far was ASCII: the file is not UTF-8 but a single-byte encoding
                    decoder = strict(WINDOWS_1252);
                    provisional = false;
                    continue;
                }
                if (!out.hasRemaining()) {
                    break;
                }
                bytes.position(bytes.position() + result.length());
                replaced.addLast(position + out.position() - offset);
                out.put('\uFFFD');
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    if (decoder.flush(out).isUnderflow()) {
                        finished = true;
                    }
                } else {
                    fill();
                }
            }
        }
        int n = out.position() - offset;
        if (n == 0) {
            return -1;
        }
        position += n;
        return n;
    }

    private void settleOnNonAscii(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] > 0x7F) {
                provisional = false;
                return;
            }
        }
    }

    /** Reads more bytes after those not decoded yet (an incomplete character stays for the next round). */
    private void fill() throws IOException {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
