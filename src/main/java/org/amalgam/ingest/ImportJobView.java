package org.amalgam.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One import job: a file being loaded for one source system and entity type. */
public record ImportJobView(
        UUID id,
        String source,
        String type,
        String fileName,
        ImportStatus status,
        ImportCounts counts,
        long totalBytes,
        long processedBytes,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean snapshot,
        boolean cancelRequested) {

    /** Share of the file processed, from 0.0 to 1.0. */
    public double progress() {
        if (status == ImportStatus.COMPLETED) {
            return 1.0;
        }
        if (totalBytes <= 0) {
            return 0.0;
        }
        return Math.min(1.0, (double) processedBytes / totalBytes);
    }

    public int progressPercent() {
        return (int) Math.floor(progress() * 100);
    }

    /** Rows read per second since the job started. */
    public double rowsPerSecond() {
        if (startedAt == null) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        return counts.read() / seconds;
    }

    /** Estimated time left, from the bytes processed so far; null when unknown. */
    public Duration timeLeft() {
        if (status != ImportStatus.RUNNING || startedAt == null || processedBytes <= 0) {
            return null;
        }
        double elapsed = Duration.between(startedAt, Instant.now()).toMillis();
        double left = elapsed * (totalBytes - processedBytes) / processedBytes;
        return Duration.ofMillis((long) Math.max(0, left));
    }
}
