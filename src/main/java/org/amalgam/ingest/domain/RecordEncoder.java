package org.amalgam.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the rows of one file as the writer stores them, in one pass per document and without a JSON library: the raw
 * payload and the standardized attributes as JSON text exactly as PostgreSQL prints the stored {@code jsonb} (keys
 * ordered by length, then by their UTF-8 bytes; {@code ", "} and {@code ": "} between them; strings escaped as
 * {@code escape_json} does), so that the content hash {@code md5(raw::text || attributes::text)} is the MD5 of the
 * very bytes sent, and, for a bulk load, the whole row in {@code COPY}'s text format.
 *
 * <p>The key order is worked out once per file (the header's names, the model's attribute names), not per row. An
 * encoder is immutable and can be shared by threads; each thread writes into buffers of its own.
 */
final class RecordEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Buffers and a digest per thread: a row is a few hundred bytes, and they are reused for the next one. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A scratch buffer larger than this (a row with a huge field) is not kept for the next row. */
    private static final int KEEP_BUFFER = 1 << 16;

    private final JsonMapper json;

    /** The raw payload's column indexes in jsonb key order, and each one's {@code "name": } as UTF-8. */
    private final int[] rawOrder;

    private final byte[][] rawKeys;

    /** The attribute names in jsonb key order, and each one's {@code "name": } as UTF-8. */
    private final String[] attributeOrder;

    private final byte[][] attributeKeys;

    /**
     * @param rawNames the names of the file's columns as keys of the raw payload (distinct)
     * @param attributeNames the model's attribute names (distinct)
     */
    RecordEncoder(List<String> rawNames, List<String> attributeNames, JsonMapper json) {
        this.json = json;
        Integer[] raw = new Integer[rawNames.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i;
        }
        Arrays.sort(raw, Comparator.comparing(i -> rawNames.get(i), RecordEncoder::compareKeys));
        this.rawOrder = new int[raw.length];
        this.rawKeys = new byte[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            rawOrder[i] = raw[i];
            rawKeys[i] = key(rawNames.get(raw[i]));
        }
        this.attributeOrder = attributeNames.toArray(String[]::new);
        Arrays.sort(attributeOrder, RecordEncoder::compareKeys);
        this.attributeKeys = new byte[attributeOrder.length][];
        for (int i = 0; i < attributeOrder.length; i++) {
            attributeKeys[i] = key(attributeOrder[i]);
        }
    }

    /** jsonb's key order: shorter first (in UTF-8 bytes), then by UTF-8 bytes, unsigned. */
    static int compareKeys(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }

    private static byte[] key(String name) {
        Bytes out = new Bytes(name.length() + 8);
        quote(out, name);
        out.put((byte) ':');
        out.put((byte) ' ');
        return out.toArray();
    }

    /**
     * The row as the writer takes it from a single push or a small batch: JSON text and content hash as strings.
     *
     * @param values the row's fields in column order (null: the row has no such field)
     * @param attributes the standardized values by attribute name (strings; anything else is printed by the JSON
     *     library and hashed by the database)
     */
    SourceRecordWriter.Input input(
            String key, List<String> values, Map<String, Object> attributes, List<StandardizedRow.Flag> flags) {
        Scratch s = SCRATCH.get();
        s.reset();
        boolean plain = documents(s, values, attributes);
        String hash = plain ? s.hash() : null;
        SourceRecordWriter.Input input = new SourceRecordWriter.Input(
                key,
                new String(s.raw.buffer, 0, s.raw.length, StandardCharsets.UTF_8),
                new String(s.attributes.buffer, 0, s.attributes.length, StandardCharsets.UTF_8),
                issues(flags),
                hash);
        s.trim();
        return input;
    }

    /** The row as one line of {@code COPY}'s text format: key, raw, attributes, issues, hash. */
    SourceRecordWriter.Input copyRow(
            String key, List<String> values, Map<String, Object> attributes, List<StandardizedRow.Flag> flags) {
        Scratch s = SCRATCH.get();
        s.reset();
        boolean plain = documents(s, values, attributes);
        Bytes row = s.row;
        copyText(row, key);
        row.put((byte) '\t');
        copyJson(row, s.raw);
        row.put((byte) '\t');
        copyJson(row, s.attributes);
        row.put((byte) '\t');
        copyText(row, issues(flags));
        row.put((byte) '\t');
        if (plain) {
            s.hexHash(row);
        } else {
            row.put((byte) '\\');
            row.put((byte) 'N');
        }
        row.put((byte) '\n');
        byte[] line = row.toArray();
        s.trim();
        return SourceRecordWriter.Input.encoded(key, line);
    }

    /** Writes both documents into the scratch buffers; false when a value is not a string (the database hashes). */
    private boolean documents(Scratch s, List<String> values, Map<String, Object> attributes) {
        Bytes raw = s.raw;
        raw.put((byte) '{');
        boolean first = true;
        for (int i = 0; i < rawOrder.length; i++) {
            int column = rawOrder[i];
            String value = column < values.size() ? values.get(column) : null;
            // a field the row does not have (a JSON object without it) is not part of its content
            if (value != null) {
                if (!first) {
                    raw.put((byte) ',');
                    raw.put((byte) ' ');
                }
                first = false;
                raw.put(rawKeys[i]);
                quote(raw, value);
            }
        }
        raw.put((byte) '}');
        Bytes out = s.attributes;
        out.put((byte) '{');
        first = true;
        boolean plain = true;
        int seen = 0;
        for (int i = 0; i < attributeOrder.length && seen < attributes.size(); i++) {
            if (!attributes.containsKey(attributeOrder[i])) {
                continue;
            }
            seen++;
            Object value = attributes.get(attributeOrder[i]);
            if (!first) {
                out.put((byte) ',');
                out.put((byte) ' ');
            }
            first = false;
            out.put(attributeKeys[i]);
            if (value == null) {
                out.put("null".getBytes(StandardCharsets.US_ASCII));
            } else if (value instanceof String text) {
                quote(out, text);
            } else {
                out.put(json.writeValueAsBytes(value));
                plain = false;
            }
        }
        out.put((byte) '}');
        if (seen < attributes.size()) {
            // names the model does not have (not made by the pipeline): the JSON library prints the whole object
            out.length = 0;
            out.put(json.writeValueAsBytes(attributes));
            plain = false;
        }
        return plain;
    }

    private String issues(List<StandardizedRow.Flag> flags) {
        return flags.isEmpty() ? "[]" : json.writeValueAsString(flags);
    }

    /** A JSON string as PostgreSQL's {@code escape_json} prints it, in UTF-8; NUL characters are left out. */
    static void quote(Bytes out, String value) {
        out.ensure(value.length() + 2);
        out.put((byte) '"');
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out.put((byte) '\\');
                }
                out.put((byte) c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\0' -> {
                        // PostgreSQL text cannot hold it; the pipeline leaves it out of every value
                    }
                    case '\b' -> out.put2('\\', 'b');
                    case '\f' -> out.put2('\\', 'f');
                    case '\n' -> out.put2('\\', 'n');
                    case '\r' -> out.put2('\\', 'r');
                    case '\t' -> out.put2('\\', 't');
                    default -> {
                        out.put2('\\', 'u');
                        out.put2('0', '0');
                        out.put(HEX[c >> 4]);
                        out.put(HEX[c & 0xF]);
                    }
                }
            } else {
                i = utf8(out, value, i);
            }
        }
        out.put((byte) '"');
    }

    /** Writes the character at {@code i} (not ASCII) as UTF-8; answers the index of its last char. */
    private static int utf8(Bytes out, String value, int i) {
        char c = value.charAt(i);
        if (c < 0x800) {
            out.put((byte) (0xC0 | (c >> 6)));
            out.put((byte) (0x80 | (c & 0x3F)));
        } else if (Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, value.charAt(++i));
            out.put((byte) (0xF0 | (cp >> 18)));
            out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
            out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
            out.put((byte) (0x80 | (cp & 0x3F)));
        } else if (Character.isSurrogate(c)) {
            // a lone surrogate is not text: U+FFFD, as the database stores it
            out.put((byte) 0xEF);
            out.put((byte) 0xBF);
            out.put((byte) 0xBD);
        } else {
            out.put((byte) (0xE0 | (c >> 12)));
            out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
            out.put((byte) (0x80 | (c & 0x3F)));
        }
        return i;
    }

    /** A text field of {@code COPY}'s text format: backslash, newline, return and tab escaped; NUL left out. */
    static void copyText(Bytes out, String value) {
        out.ensure(value.length());
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> out.put2('\\', '\\');
                    case '\n' -> out.put2('\\', 'n');
                    case '\r' -> out.put2('\\', 'r');
                    case '\t' -> out.put2('\\', 't');
                    case '\0' -> {
                        // PostgreSQL text cannot hold it
                    }
                    default -> out.put((byte) c);
                }
            } else {
                i = utf8(out, value, i);
            }
        }
    }

    /** JSON text as a {@code COPY} field: it holds no newline, return or tab (they are escaped), only backslashes. */
    private static void copyJson(Bytes out, Bytes document) {
        out.ensure(document.length + 16);
        byte[] b = document.buffer;
        int from = 0;
        for (int i = 0; i < document.length; i++) {
            if (b[i] == '\\') {
                out.put(b, from, i + 1 - from);
                out.put((byte) '\\');
                from = i + 1;
            }
        }
        out.put(b, from, document.length - from);
    }

    /** A growable byte buffer. */
    static final class Bytes {
        byte[] buffer;
        int length;

        Bytes(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void put(byte b) {
            if (length == buffer.length) {
                ensure(1);
            }
            buffer[length++] = b;
        }

        void put2(char a, char b) {
            ensure(2);
            buffer[length++] = (byte) a;
            buffer[length++] = (byte) b;
        }

        void put(byte[] bytes) {
            put(bytes, 0, bytes.length);
        }

        void put(byte[] bytes, int from, int count) {
            ensure(count);
            System.arraycopy(bytes, from, buffer, length, count);
            length += count;
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, length);
        }
    }

    /** One thread's buffers and MD5. */
    private static final class Scratch {
        final Bytes raw = new Bytes(1024);
        final Bytes attributes = new Bytes(1024);
        final Bytes row = new Bytes(2048);
        final MessageDigest md5;
        final byte[] digest = new byte[16];

        Scratch() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has MD5", e);
            }
        }

        void reset() {
            raw.length = 0;
            attributes.length = 0;
            row.length = 0;
        }

        /** Drops a buffer that a huge row made huge, so a thread does not hold it for the rest of the file. */
        void trim() {
            for (Bytes b : new Bytes[] {raw, attributes, row}) {
                if (b.buffer.length > KEEP_BUFFER) {
                    b.buffer = new byte[1024];
                    b.length = 0;
                }
            }
        }

        private void digest() {
            md5.reset();
            md5.update(raw.buffer, 0, raw.length);
            md5.update(attributes.buffer, 0, attributes.length);
            try {
                md5.digest(digest, 0, 16);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
        }

        String hash() {
            digest();
            char[] hex = new char[32];
            for (int i = 0; i < 16; i++) {
                hex[2 * i] = (char) HEX[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = (char) HEX[digest[i] & 0xF];
            }
            return new String(hex);
        }

        void hexHash(Bytes out) {
            digest();
            out.ensure(32);
            for (int i = 0; i < 16; i++) {
                out.buffer[out.length++] = HEX[(digest[i] >> 4) & 0xF];
                out.buffer[out.length++] = HEX[digest[i] & 0xF];
            }
        }
    }
}
