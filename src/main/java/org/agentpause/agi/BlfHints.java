package org.agentpause.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.QueueMember;

/**
 * Dialplan hint lines that light a phone key while an agent is paused in any queue, whoever
 * paused it: Asterisk publishes {@code Queue:<queue>_pause_<interface>} (INUSE when paused) and a
 * hint joining several devices with {@code &} shows in use when any of them is.
 */
public final class BlfHints {

    /** The context the generated lines go in; phones' contexts include it. */
    public static final String CONTEXT = "agent-pause-hints";
    /** Hint extension of agent 808 is {@code *46*808}; dialing it toggles the caller, like {@code *46}. */
    public static final String PREFIX = "*46*";

    /** Characters Asterisk accepts in an extension name without escaping. */
    private static final Pattern EXTEN = Pattern.compile("[A-Za-z0-9_+.-]{1,80}");

    private BlfHints() {
    }

    /** The whole include file: a context with one hint and one dialable priority per agent. */
    public static List<String> render(MembershipView view) {
        Map<String, TreeSet<String>> devices = devicesByAgent(view);
        List<String> out = new ArrayList<>();
        out.add("; BLF hints for agent-pause, generated from the live queue membership: "
                + devices.size() + " agents.");
        out.add("; Regenerate after adding or removing queue members (java -jar agent-pause.jar hints).");
        out.add("[" + CONTEXT + "]");
        devices.forEach((agent, states) -> {
            String exten = PREFIX + agent;
            out.add("exten => " + exten + ",hint," + String.join("&", states));
            out.add("exten => " + exten + ",1,Goto(agent-pause-features,*46,1)");
        });
        return out;
    }

    /**
     * Agent extension → its pause device states, one per (queue, interface). Agents whose name
     * cannot be an extension (spaces, symbols) are left out rather than producing a broken line.
     */
    static Map<String, TreeSet<String>> devicesByAgent(MembershipView view) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (List<QueueMember> members : view.snapshot().values()) {
            for (QueueMember m : members) {
                String agent = MembershipView.resourceOf(m.iface());
                if (EXTEN.matcher(agent).matches()) {
                    out.computeIfAbsent(agent, a -> new TreeSet<>())
                            .add("Queue:" + m.queue() + "_pause_" + m.iface());
                }
            }
        }
        return out;
    }
}
