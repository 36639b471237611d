package org.agentpause.agi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agentpause.pause.InvalidInputException;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.Outcome;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.QueueMember;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agent-pause/status}: reads the agent's state from the membership view (no PBX round
 * trip), resolved exactly as the HTTP agent-status endpoint resolves it.
 */
final class StatusScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(StatusScript.class);

    private final PhoneRequestReader reader;
    private final QueueBackend backend;
    private final MemberResolver resolver;

    StatusScript(PhoneRequestReader reader, QueueBackend backend, MemberResolver resolver) {
        this.reader = reader;
        this.backend = backend;
        this.resolver = resolver;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        Map<String, String> vars;
        try {
            vars = status(reader.read(request, channel));
        } catch (InvalidInputException e) {
            vars = ResultVariables.ofStatus(Outcome.INVALID, List.of(), 0, "", e.getMessage());
        } catch (AgiException e) {
            log.info("connection for {} ended before the request was read: {}", request.getChannel(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("unexpected failure reading status on {}", request.getChannel(), e);
            vars = ResultVariables.ofStatus(Outcome.ERROR, List.of(), 0, "", Outcome.ERROR.message());
        }
        ResultVariables.write(channel, vars);
    }

    private Map<String, String> status(PhoneRequest p) {
        if (!backend.health().up()) {
            // The view may be stale while the PBX is unreachable; do not announce a guess.
            return ResultVariables.ofStatus(Outcome.UNAVAILABLE, List.of(), 0, "", Outcome.UNAVAILABLE.message());
        }
        MembershipView view = backend.view();
        Map<String, QueueMember> byQueue = new TreeMap<>();
        for (String iface : resolver.resolve(view, p.member(), p.queue())) {
            for (QueueMember m : view.membershipsOf(iface).values()) {
                if (p.queue() == null || p.queue().equals(m.queue())) {
                    // Two interfaces of one agent in one queue: paused if either is.
                    byQueue.merge(m.queue(), m, (a, b) -> a.paused() ? a : b);
                }
            }
        }
        if (byQueue.isEmpty()) {
            return ResultVariables.ofStatus(Outcome.NOT_FOUND, List.of(), 0, "", Outcome.NOT_FOUND.message());
        }
        int paused = 0;
        String reason = "";
        for (QueueMember m : byQueue.values()) {
            if (m.paused()) {
                paused++;
                reason = reason.isEmpty() ? m.reason() : reason;
            }
        }
        Outcome outcome = paused > 0 ? Outcome.PAUSED : Outcome.UNPAUSED;
        return ResultVariables.ofStatus(outcome, List.copyOf(byQueue.keySet()), paused, reason,
                paused > 0 ? "paused in " + paused + " of " + byQueue.size() + " queues"
                        : "not paused in any of " + byQueue.size() + " queues");
    }
}
