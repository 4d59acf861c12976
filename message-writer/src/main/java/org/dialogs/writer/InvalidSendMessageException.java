package org.dialogs.writer;

/** A send-message event that decodes but breaks the contract's rules; it is dead-lettered, never retried. */
class InvalidSendMessageException extends RuntimeException {

    InvalidSendMessageException(String message) {
        super(message);
    }
}
