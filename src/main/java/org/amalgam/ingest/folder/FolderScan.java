package org.amalgam.ingest.folder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells which files in a watched folder are complete: a file is complete when its size and modification time are the
 * same as at the previous scan, or when it has not been modified for the minimum age. A file that is still growing
 * waits for the next scan. Names that writers use while a file is unfinished ({@code .name}, {@code *.tmp},
 * {@code *.part}, {@code *.partial}, {@code *.crdownload}, {@code *.filepart}, {@code name~}) are never taken.
 */
final class FolderScan {

    private static final List<String> UNFINISHED_SUFFIXES =
            List.of(".tmp", ".temp", ".part", ".partial", ".crdownload", ".filepart", "~");

    /** A file in the folder as one scan saw it. */
    record Seen(String name, long size, Instant lastModified) {}

    /** The outcome of one scan: the files to take now, and the ones that may still be written. */
    record Decision(List<Seen> complete, List<Seen> waiting) {}

    private final Duration minAge;
    private Map<String, Seen> previous = Map.of();

    /** @param minAge a file untouched this long is complete at first sight; zero waits for a second scan always */
    FolderScan(Duration minAge) {
        this.minAge = minAge;
    }

    synchronized Decision decide(List<Seen> current, Instant now) {
        List<Seen> complete = new ArrayList<>();
        List<Seen> waiting = new ArrayList<>();
        Map<String, Seen> next = new HashMap<>();
        for (Seen file : current) {
            if (unfinishedName(file.name())) {
                continue;
            }
            Seen before = previous.get(file.name());
            boolean steady = before != null
                    && before.size() == file.size()
                    && before.lastModified().equals(file.lastModified());
            boolean old = !minAge.isZero()
                    && !minAge.isNegative()
                    && !file.lastModified().isAfter(now.minus(minAge));
            if (steady || old) {
                complete.add(file);
            } else {
                waiting.add(file);
                next.put(file.name(), file);
            }
        }
        previous = next;
        return new Decision(List.copyOf(complete), List.copyOf(waiting));
    }

    static boolean unfinishedName(String name) {
        if (name.startsWith(".")) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return UNFINISHED_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
