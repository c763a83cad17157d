package org.amalgam.ingest.jdbc;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amalgam.ingest.jdbc.JdbcPullStore.JdbcPull;

/** Messages about a pull's database that a person can act on and that never hold its password. */
final class Redaction {

    static final String MASK = "****";
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(password|pwd)\\s*=\\s*[^&;,\\s)]*");

    private Redaction() {}

    static String sqlMessage(SQLException e, JdbcPull pull, SecretBox secrets) {
        String detail = detail(e);
        String message;
        if (e instanceof JdbcPullRunner.ConnectFailed) {
            if (detail.startsWith("No suitable driver")) {
                message = "No JDBC driver in Amalgam accepts the URL " + pull.jdbcUrl()
                        + "; it has drivers for PostgreSQL (jdbc:postgresql://host:5432/db) and MariaDB or MySQL"
                        + " (jdbc:mariadb://host:3306/db).";
            } else {
                message = "Could not connect to " + pull.jdbcUrl()
                        + (pull.username() == null ? "" : " as " + pull.username()) + ": " + detail;
            }
        } else {
            message = "The query failed: " + detail
                    + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")")
                    + ". The watermark was not moved.";
        }
        return redact(message, pull, secrets);
    }

    /** The driver's own words, with the causes it wraps when it says too little itself. */
    private static String detail(SQLException e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        Throwable cause = e.getCause();
        if (cause instanceof SQLException sql && cause != e && sql.getMessage() != null) {
            message = sql.getMessage().strip();
        }
        return message;
    }

    /** Masks the pull's password and any {@code password=…} option wherever they appear in a message. */
    static String redact(String message, JdbcPull pull, SecretBox secrets) {
        if (message == null) {
            return null;
        }
        String redacted =
                PASSWORD_OPTION.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
        String password = null;
        if (pull != null) {
            try {
                password = secrets.open(pull.sealedPassword());
            } catch (RuntimeException e) {
                password = null;
            }
        }
        if (password != null && password.length() >= 3) {
            redacted = redacted.replace(password, MASK);
        }
        return redacted;
    }
}
