package org.dialogs.writer;

/** An event whose sender or recipient is not a registered user; it is dead-lettered, never stored. */
class UnknownUserException extends RuntimeException {

    UnknownUserException(String message) {
        super(message);
    }
}
