package org.amalgam.shared;

/** Something the caller named does not exist; the message says what and how to find the right one. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
