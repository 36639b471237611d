package org.agentpause.agi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseResult;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel variables a script leaves for the dialplan. Every variable is always written (empty
 * when it does not apply), so a value from an earlier press on the same call never lingers.
 */
final class ResultVariables {

    static final String STATUS = "AGENTPAUSE_STATUS";
    static final String QUEUES = "AGENTPAUSE_QUEUES";
    static final String QUEUE_COUNT = "AGENTPAUSE_QUEUE_COUNT";
    static final String PAUSED = "AGENTPAUSE_PAUSED";
    static final String PAUSED_COUNT = "AGENTPAUSE_PAUSED_COUNT";
    static final String REASON = "AGENTPAUSE_REASON";
    static final String MESSAGE = "AGENTPAUSE_MESSAGE";

    private static final Logger log = LoggerFactory.getLogger(ResultVariables.class);

    private ResultVariables() {
    }

    /** The variables after a pause, unpause or toggle. */
    static Map<String, String> of(PauseResult r) {
        String paused = switch (r.outcome()) {
            case PAUSED -> "1";
            case UNPAUSED -> "0";
            default -> "";
        };
        boolean changed = r.outcome() == Outcome.PAUSED || r.outcome() == Outcome.UNPAUSED;
        return ordered(r.outcome(), r.queues(), paused, changed && paused.equals("1") ? r.queues().size() : 0,
                r.reason(), r.message());
    }

    /** The variables after a status read. */
    static Map<String, String> ofStatus(Outcome outcome, List<String> queues, int pausedCount, String reason,
                                        String message) {
        String paused = outcome == Outcome.PAUSED ? "1" : outcome == Outcome.UNPAUSED ? "0" : "";
        return ordered(outcome, queues, paused, pausedCount, reason, message);
    }

    private static Map<String, String> ordered(Outcome outcome, List<String> queues, String paused,
                                               int pausedCount, String reason, String message) {
        // STATUS first: if Asterisk goes away halfway, the one value the dialplan needs is there.
        Map<String, String> v = new LinkedHashMap<>();
        v.put(STATUS, outcome.dialplanValue());
        v.put(QUEUES, String.join(",", queues));
        v.put(QUEUE_COUNT, Integer.toString(queues.size()));
        v.put(PAUSED, paused);
        v.put(PAUSED_COUNT, Integer.toString(pausedCount));
        v.put(REASON, reason);
        v.put(MESSAGE, message);
        return v;
    }

    /** Sets them on the channel; a channel already gone is logged, never thrown at the caller. */
    static void write(AgiChannel channel, Map<String, String> variables) {
        for (Map.Entry<String, String> e : variables.entrySet()) {
            try {
                // channel.setVariable(k, v) sends the same bytes, but quotes them slowly.
                channel.sendCommand(new QuotedSetVariable(e.getKey(), e.getValue()));
            } catch (AgiException ex) {
                log.warn("could not report {} to channel {} (connection gone): {}; the change itself is complete",
                        variables.get(STATUS), channel.getName(), ex.getMessage());
                return;
            }
        }
    }
}
