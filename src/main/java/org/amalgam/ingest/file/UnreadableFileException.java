package org.amalgam.ingest.file;

/** The file cannot be read any further; the message says where and why, in words a person can act on. */
public class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
