package org.amalgam.ingest.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guesses a text file's encoding and delimiter from its first 64 KB: a byte-order mark wins; else valid UTF-8 is UTF-8;
 * else Windows-1252 (a superset of ISO-8859-1 for printable text), unless the bytes are mostly valid UTF-8 with a few
 * stray ones (a file that mixes encodings, read as UTF-8). First bytes that are plain ASCII leave the question open
 * until the first non-ASCII byte (see {@link DecodingReader}).
 */
final class TextSniffer {

    static final int SAMPLE = 64 * 1024;

    private TextSniffer() {}

    /**
     * The encoding, how many bytes of byte-order mark to skip, and whether it is only a guess because the sample is
     * plain ASCII.
     */
    record Encoding(Charset charset, int bomLength, boolean provisional) {

        Encoding(Charset charset, int bomLength) {
            this(charset, bomLength, false);
        }
    }

    static Encoding encoding(byte[] sample, int length) {
        if (length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        int end = length;
        if (length == SAMPLE) {
            // the sample may end inside a multi-byte character: leave out its last, incomplete bytes
            int back = 0;
            while (back < 3 && end > 0 && (sample[end - 1] & 0xC0) == 0x80) {
                end--;
                back++;
            }
            if (end > 0 && (sample[end - 1] & 0xC0) == 0xC0) {
                end--;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample, 0, end);
        CharBuffer out = CharBuffer.allocate(4096);
        long nonAscii = 0;
        long invalid = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            while (out.hasRemaining()) {
                if (out.get() > 0x7F) {
                    nonAscii++;
                }
            }
            out.clear();
            if (result.isError()) {
                invalid++;
                in.position(in.position() + result.length());
            } else if (result.isUnderflow()) {
                break;
            }
        }
        if (invalid == 0) {
            return new Encoding(StandardCharsets.UTF_8, 0, nonAscii == 0);
        }
        // UTF-8 text with a few stray bytes is a file that mixes encodings: reading it as UTF-8 keeps the most text
        // right and rejects the rows with the stray bytes, where Windows-1252 would garble every UTF-8 character
        return new Encoding(nonAscii > invalid ? StandardCharsets.UTF_8 : DecodingReader.WINDOWS_1252, 0);
    }

    /** The delimiter that splits the first line into the most fields, outside quotes. */
    static char delimiter(String firstLine) {
        char[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    /** True when the sample looks like binary data rather than text. */
    static boolean looksBinary(byte[] sample, int length, Charset charset) {
        if (charset == StandardCharsets.UTF_16LE || charset == StandardCharsets.UTF_16BE) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = sample[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20)) {
                control++;
            }
        }
        return length > 0 && control * 20 > length;
    }
}
