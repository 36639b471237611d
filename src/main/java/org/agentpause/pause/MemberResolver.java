package org.agentpause.pause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agentpause.pbx.MembershipView;

/**
 * Turns an extension into the queue-member interfaces it stands for, from the live membership
 * view (resource or member name equal to the extension), falling back to the configured
 * templates such as {@code PJSIP/{member}} when the view knows no such member.
 */
public final class MemberResolver {

    private final List<String> templates;

    /** @param templates interface templates containing {@code {member}}, tried in order */
    public MemberResolver(List<String> templates) {
        this.templates = List.copyOf(templates);
    }

    /**
     * The interfaces to act on.
     *
     * @param member validated extension or interface
     * @param queue  the target queue, or {@code null} for all
     */
    public List<String> resolve(MembershipView view, String member, String queue) {
        if (member.indexOf('/') >= 0) {
            return List.of(member);
        }
        List<String> live = new ArrayList<>();
        for (String iface : view.interfacesFor(member)) {
            if (queue == null || view.membershipsOf(iface).containsKey(queue)) {
                live.add(iface);
            }
        }
        if (!live.isEmpty()) {
            return live;
        }
        // The view may lag a `queue reload` that added members silently; let the PBX decide.
        List<String> guessed = new ArrayList<>(templates.size());
        for (String t : templates) {
            guessed.add(t.replace("{member}", member));
        }
        return guessed;
    }

    /** The key that serialises requests for one agent, whichever way the member was named. */
    public static String lockKey(String member) {
        return MembershipView.resourceOf(member).toLowerCase(Locale.ROOT);
    }
}
