package org.agentpause.pause;

/** A request field failed validation; the message is {@code field: reason}, safe to show a client. */
public class InvalidInputException extends Exception {
    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
