package org.amalgam.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * The content hash of a source record, {@code md5(raw::text || attributes::text)}, computed from maps the plain way:
 * {@code jsonb} prints an object with its keys ordered by length, then by their UTF-8 bytes, as {@code {"key": "value",
 * …}}; only string values are handled here (anything else answers null). The reference that the tests hold {@link
 * RecordEncoder}, which writes the documents and hashes them in one pass, to.
 */
final class ContentHash {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ContentHash() {}

    /** The hash, or null when a value is not a string (the database then hashes the record itself). */
    static String of(Map<String, ?> raw, Map<String, ?> attributes) {
        StringBuilder text = new StringBuilder(256);
        if (!append(text, raw) || !append(text, attributes)) {
            return null;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = md5.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[32];
        for (int i = 0; i < 16; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    private static boolean append(StringBuilder text, Map<String, ?> object) {
        Key[] keys = new Key[object.size()];
        int n = 0;
        for (Map.Entry<String, ?> entry : object.entrySet()) {
            if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
                return false;
            }
            keys[n++] = new Key(entry.getKey());
        }
        Arrays.sort(keys);
        text.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(", ");
            }
            quote(text, keys[i].name);
            text.append(": ");
            Object value = object.get(keys[i].name);
            if (value == null) {
                text.append("null");
            } else {
                quote(text, (String) value);
            }
        }
        text.append('}');
        return true;
    }

    /** As PostgreSQL's {@code escape_json}. */
    private static void quote(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < ' ') {
                        text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    /** A key in {@code jsonb} order: shorter first, then by UTF-8 bytes (unsigned). */
    private static final class Key implements Comparable<Key> {
        final String name;
        final byte[] bytes;

        Key(String name) {
            this.name = name;
            this.bytes = name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(Key other) {
            if (bytes.length != other.bytes.length) {
                return Integer.compare(bytes.length, other.bytes.length);
            }
            return Arrays.compareUnsigned(bytes, other.bytes);
        }
    }
}
