package org.amalgam.ingest.jdbc;

/**
 * A run of a pull cannot go on: the database is unreachable, refuses the login, or rejects the query. The message is
 * for the person who configured the pull and never holds the password.
 */
public class PullFailedException extends RuntimeException {

    public PullFailedException(String message) {
        super(message);
    }

    public PullFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
