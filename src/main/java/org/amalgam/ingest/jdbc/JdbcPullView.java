package org.amalgam.ingest.jdbc;

import java.time.Instant;
import java.util.UUID;
import org.amalgam.ingest.ImportJobView;

/**
 * A pull as the API and the UI show it: everything but the password, of which only whether one is stored.
 *
 * @param watermark the largest watermark a completed run has seen, or null before the first one
 * @param nextRunAt when the schedule runs it next, or null when it never will
 * @param runningJobId the import job of the run going on now, or null
 * @param lastRun the import job of the latest run, or null before the first one
 */
public record JdbcPullView(
        String source,
        String name,
        String type,
        String jdbcUrl,
        String username,
        boolean passwordSet,
        String query,
        String keyColumn,
        String watermarkColumn,
        String schedule,
        String mapping,
        boolean enabled,
        Watermark watermark,
        Instant nextRunAt,
        UUID runningJobId,
        ImportJobView lastRun,
        Instant createdAt,
        Instant updatedAt) {

    public boolean running() {
        return runningJobId != null;
    }
}
