package org.agentpause.agi;

import java.util.List;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;

/** A backend that forwards to another; tests override one method to inject a fault. */
class ForwardingBackend implements QueueBackend {

    private final QueueBackend target;

    ForwardingBackend(QueueBackend target) {
        this.target = target;
    }

    @Override
    public void start() throws PbxUnavailableException {
        target.start();
    }

    @Override
    public MembershipView view() {
        return target.view();
    }

    @Override
    public List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        return target.setPaused(iface, queue, paused, reason);
    }

    @Override
    public BackendHealth health() {
        return target.health();
    }

    @Override
    public void close() {
        target.close();
    }
}
