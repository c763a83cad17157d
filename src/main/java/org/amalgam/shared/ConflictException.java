package org.amalgam.shared;

/** The caller's request conflicts with the current state (e.g. a newer version was saved); the message says how to go on. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
