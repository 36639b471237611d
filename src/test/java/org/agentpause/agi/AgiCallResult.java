package org.agentpause.agi;

import java.util.List;
import java.util.Map;

/**
 * What one simulated FastAGI call saw.
 *
 * @param commands     every command line the server sent, in order, without the LF
 * @param variables    the channel variables at the end (those preset plus those the server set)
 * @param hungUp       whether the caller hung up during the call (a {@code HANGUP} line was sent mid-script)
 * @param connected    whether the TCP connection was established at all
 * @param serverClosed whether the server ended the connection (normal end, refusal, or crash)
 */
public record AgiCallResult(List<String> commands, Map<String, String> variables, boolean hungUp,
                            boolean connected, boolean serverClosed) {

    public AgiCallResult {
        commands = List.copyOf(commands);
        variables = Map.copyOf(variables);
    }

    /** A channel variable's final value, or {@code null} when unset. */
    public String variable(String name) {
        return variables.get(name);
    }

    /** True when the server closed without running a single command (refused source, busy, ...). */
    public boolean refused() {
        return commands.isEmpty();
    }
}
