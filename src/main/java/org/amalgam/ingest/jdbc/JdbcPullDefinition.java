package org.amalgam.ingest.jdbc;

/**
 * What a person or a script says about a pull when saving it.
 *
 * @param type the entity type the rows hold, e.g. person
 * @param jdbcUrl where the department database is, without credentials
 * @param username the database user, or null
 * @param password the database password; null keeps the stored one, an empty text removes it
 * @param query the SQL that selects the rows (see {@link PullQuery} for how it receives the watermark)
 * @param keyColumn the column that holds each row's source key
 * @param watermarkColumn the column that grows when a row changes (a timestamp or a number)
 * @param schedule an interval such as PT5M or a cron expression
 * @param mapping optional mapping JSON from columns to attributes, as for file imports
 * @param enabled whether the schedule runs it; null keeps the stored value (true for a new pull)
 * @param resetWatermark forget the watermark, so the next run pulls every row again
 */
public record JdbcPullDefinition(
        String type,
        String jdbcUrl,
        String username,
        String password,
        String query,
        String keyColumn,
        String watermarkColumn,
        String schedule,
        String mapping,
        Boolean enabled,
        boolean resetWatermark) {}
