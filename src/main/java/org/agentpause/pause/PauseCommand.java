package org.agentpause.pause;

/**
 * A validated pause request, identical whichever door it came through.
 *
 * @param member an extension ({@code 808}) or an interface ({@code PJSIP/808})
 * @param queue  one queue, or {@code null} for every queue the member is in
 * @param action pause, unpause or toggle
 * @param reason pause reason, empty for none
 * @param actor  who asked, for the log: a token's label, {@code webkey}, or {@code phone:<channel>};
 *               never a secret
 */
public record PauseCommand(String member, String queue, Action action, String reason, String actor) {

    /** Validates raw field values; a bad one raises an error naming the field. */
    public static PauseCommand of(String member, String queue, Action action, String reason, String actor)
            throws InvalidInputException {
        if (action == null) {
            throw new InvalidInputException("state", "is required");
        }
        return new PauseCommand(FieldRules.member(member), FieldRules.queue(queue), action,
                FieldRules.reason(reason), actor == null ? "unknown" : actor);
    }
}
