package org.amalgam.ingest.folder;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a dropped file has once taken: {@code 20260115-101500123-3fa9c2_customers.csv} (UTC time it was taken, a
 * random part, the name it was dropped with), so a file dropped again under the same name never overwrites one in
 * {@code processing/}, {@code done/} or {@code failed/}, and a listing sorts by time.
 */
final class DroppedFileNames {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");
    private static final Pattern STORED = Pattern.compile("(\\d{8}-\\d{9})-[0-9a-f]{6}_(.+)");

    private DroppedFileNames() {}

    static String unique(String original, Instant takenAt) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return TIME.format(LocalDateTime.ofInstant(takenAt, ZoneOffset.UTC)) + "-"
                + HexFormat.of().formatHex(random) + "_" + original;
    }

    /** When a stored file was taken, or empty for a name this class did not make. */
    static Optional<Instant> takenAt(String stored) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The name the file was dropped with. */
    static String original(String stored) {
        Matcher m = STORED.matcher(stored);
        return m.matches() ? m.group(2) : stored;
    }
}
