package org.agentpause.pause;

import java.util.List;

/**
 * What a pause command did.
 *
 * @param outcome    the shared outcome
 * @param message    the client-facing message (the outcome's, or the field error for INVALID)
 * @param queues     queues whose state changed, sorted
 * @param interfaces interfaces that were changed
 * @param reason     the pause reason applied, empty for none
 */
public record PauseResult(Outcome outcome, String message, List<String> queues,
                          List<String> interfaces, String reason) {

    public PauseResult {
        queues = List.copyOf(queues);
        interfaces = List.copyOf(interfaces);
        reason = reason == null ? "" : reason;
    }

    /** A result that changed nothing, with the outcome's own message. */
    public static PauseResult of(Outcome outcome) {
        return new PauseResult(outcome, outcome.message(), List.of(), List.of(), "");
    }

    /** An INVALID result carrying the field error. */
    public static PauseResult invalid(InvalidInputException e) {
        return new PauseResult(Outcome.INVALID, e.getMessage(), List.of(), List.of(), "");
    }
}
