package org.agentpause.agi;

/**
 * What one feature-code call asks for, read from the AGI request and the channel.
 *
 * @param member the agent: an extension such as {@code 808} or an interface
 * @param queue  one queue, or {@code null} for every queue the agent is in
 * @param reason pause reason (a catalogue code already replaced by its label), empty for none
 * @param actor  {@code phone:<channel>}, for the log
 */
record PhoneRequest(String member, String queue, String reason, String actor) {
}
