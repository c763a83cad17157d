package org.amalgam.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a generator run wrote, printed at its end. */
record GenerationSummary(
        String type,
        long entities,
        long records,
        Map<String, Long> recordsPerSource,
        List<String> formats,
        long duplicatedEntities,
        long duplicatePairs,
        long pairsWithinSource,
        long corruptedRecords,
        long seed,
        int threads,
        long nanos,
        long cpuNanos,
        Map<Path, Long> fileSizes) {

    long duplicateRecords() {
        return records - entities;
    }

    double duplicateRate() {
        return records == 0 ? 0 : (double) duplicateRecords() / records;
    }

    String describe() {
        double seconds = nanos / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Generated %,d %s entities as %,d records in %.2f s (%,.0f records/s; %.2f s CPU, %d worker threads), seed %d%n",
                entities,
                type,
                records,
                seconds,
                records / Math.max(seconds, 1e-9),
                cpuNanos / 1e9,
                threads,
                seed));
        int i = 0;
        List<Path> files = List.copyOf(fileSizes.keySet());
        for (Map.Entry<String, Long> source : recordsPerSource.entrySet()) {
            Path file = files.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "  %-10s %-9s %,11d records  %s (%s)%n",
                    source.getKey(),
                    formats.get(i),
                    source.getValue(),
                    file,
                    size(fileSizes.get(file))));
            i++;
        }
        Path truth = files.get(files.size() - 1);
        out.append(String.format(
                Locale.ROOT, "  %-20s %,11d rows     %s (%s)%n", "truth", records, truth, size(fileSizes.get(truth))));
        out.append(String.format(
                Locale.ROOT,
                "Duplicates: %,d extra copies = %.1f %% of records; %,d entities have more than one record%n",
                duplicateRecords(),
                100 * duplicateRate(),
                duplicatedEntities));
        out.append(String.format(
                Locale.ROOT,
                "Duplicate pairs: %,d (%,d within a source, %,d across sources)%n",
                duplicatePairs,
                pairsWithinSource,
                duplicatePairs - pairsWithinSource));
        out.append(String.format(
                Locale.ROOT,
                "Corrupted records: %,d (%.1f %%)%n",
                corruptedRecords,
                records == 0 ? 0 : 100.0 * corruptedRecords / records));
        return out.toString();
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20
                ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
