package org.amalgam.ingest.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.regex.Pattern;

/**
 * The SQL one run of a pull sends. The stored watermark always travels as a bound parameter, never as text in the
 * SQL, in one of two ways:
 *
 * <ul>
 *   <li>the query names {@code :watermark} (outside quotes and comments): each occurrence becomes a parameter, bound
 *       to the watermark, or to NULL on the first run, so the query must let NULL through, e.g.
 *       {@code where :watermark is null or updated_at > :watermark};
 *   <li>otherwise the query is wrapped: {@code select * from (<query>) amalgam_pull where amalgam_pull.<watermark
 *       column> > ?}, without the condition on the first run.
 * </ul>
 */
public record PullQuery(String sql, int parameters) {

    static final String PLACEHOLDER = ":watermark";
    static final String ALIAS = "amalgam_pull";

    /** A column name that can stand in SQL as a quoted identifier without any escaping. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,127}");

    /**
     * @param query the pull's query
     * @param watermarkColumn the watermark column, a plain identifier (checked when the pull is saved)
     * @param identifierQuote the database's identifier quote ({@code "} or {@code `}), blank for none
     * @param hasWatermark whether a previous run stored a watermark
     */
    static PullQuery of(String query, String watermarkColumn, String identifierQuote, boolean hasWatermark) {
        String body = stripTrailingSemicolons(query);
        StringBuilder replaced = new StringBuilder(body.length());
        int placeholders = replacePlaceholders(body, replaced);
        if (placeholders > 0) {
            return new PullQuery(replaced.toString(), placeholders);
        }
        if (!IDENTIFIER.matcher(watermarkColumn).matches()) {
            throw new IllegalArgumentException("The watermark column '" + watermarkColumn + "' is not a plain name");
        }
        String quote = identifierQuote == null || identifierQuote.isBlank() ? "" : identifierQuote.strip();
        String sql = "select * from (\n" + body + "\n) " + ALIAS;
        if (!hasWatermark) {
            return new PullQuery(sql, 0);
        }
        return new PullQuery(sql + " where " + ALIAS + "." + quote + watermarkColumn + quote + " > ?", 1);
    }

    /** Whether the query takes the watermark itself, as {@code :watermark}. */
    static boolean namesPlaceholder(String query) {
        return replacePlaceholders(query, new StringBuilder()) > 0;
    }

    /** Binds the watermark (or NULL before the first completed run) to every parameter. */
    void bind(PreparedStatement statement, Watermark watermark) throws SQLException {
        for (int i = 1; i <= parameters; i++) {
            if (watermark == null) {
                statement.setNull(i, Types.NULL);
            } else {
                watermark.bind(statement, i);
            }
        }
    }

    /** Copies the query into {@code out} with every {@code :watermark} outside literals and comments as {@code ?}. */
    private static int replacePlaceholders(String sql, StringBuilder out) {
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':'
                    && sql.startsWith(PLACEHOLDER, i)
                    && (i == 0 || sql.charAt(i - 1) != ':')
                    && (i + PLACEHOLDER.length() >= n
                            || !Character.isJavaIdentifierPart(sql.charAt(i + PLACEHOLDER.length())))) {
                out.append('?');
                count++;
                i += PLACEHOLDER.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return count;
    }

    /** The index after the literal or quoted name that starts at {@code start}; a doubled quote stays inside. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static String stripTrailingSemicolons(String query) {
        String body = query.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return body;
    }
}
