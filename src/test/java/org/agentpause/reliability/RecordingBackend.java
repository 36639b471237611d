package org.agentpause.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.SimulatedPbx;

/**
 * Wraps a {@link SimulatedPbx} and keeps the fake's own record: every action that reached the PBX,
 * whether it changed anything, and whether any value would have been malformed on the AMI wire.
 */
final class RecordingBackend implements QueueBackend {

    /** One {@code setPaused} call as the PBX saw it; {@code changed} is empty for not-found or failed. */
    record Action(String iface, String queue, boolean paused, String reason, List<String> changed, boolean failed) {
    }

    private final SimulatedPbx pbx;
    private final ConcurrentLinkedQueue<Action> actions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> malformed = new ConcurrentLinkedQueue<>();
    /** Calls still to pass before one applied-but-unconfirmed call; negative when none is armed. */
    private final java.util.concurrent.atomic.AtomicInteger lateAfter = new java.util.concurrent.atomic.AtomicInteger(-1);
    /** Calls still to pass before one injected failure; negative when none is armed. */
    private final java.util.concurrent.atomic.AtomicInteger failAfter = new java.util.concurrent.atomic.AtomicInteger(-1);

    RecordingBackend(SimulatedPbx pbx) {
        this.pbx = pbx;
    }

    SimulatedPbx pbx() {
        return pbx;
    }

    @Override
    public void start() throws PbxUnavailableException {
        pbx.start();
    }

    @Override
    public MembershipView view() {
        return pbx.view();
    }

    @Override
    public List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        checkWireSafe("Interface", iface);
        checkWireSafe("Queue", queue);
        checkWireSafe("Reason", reason);
        try {
            if (failAfter.getAndUpdate(n -> n < 0 ? n : n - 1) == 0) {
                throw new PbxUnavailableException("fault injected after earlier calls went through");
            }
            List<String> changed = pbx.setPaused(iface, queue, paused, reason);
            actions.add(new Action(iface, queue, paused, reason, List.copyOf(changed), false));
            if (lateAfter.getAndUpdate(n -> n < 0 ? n : n - 1) == 0) {
                // Applied, but the answer came too late: what an AMI timeout looks like.
                throw new PbxUnavailableException("fault injected: applied, answer lost", null, true);
            }
            return changed;
        } catch (PbxUnavailableException e) {
            actions.add(new Action(iface, queue, paused, reason, List.of(), true));
            throw e;
        }
    }

    /** A value that would be a CR, LF or other control byte in an AMI header is a defect upstream. */
    private void checkWireSafe(String header, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() && !header.equals("Reason")) {
            malformed.add(header + ": empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                malformed.add(header + ": control character U+" + Integer.toHexString(c));
            }
        }
    }

    @Override
    public BackendHealth health() {
        return pbx.health();
    }

    @Override
    public void close() {
        pbx.close();
    }

    /** Fault knob: let the next {@code skip} calls through, then fail one (a PBX lost mid-request). */
    void failAfter(int skip) {
        failAfter.set(skip);
    }

    /** Fault knob: let the next {@code skip} calls through, then apply one but fail it as unconfirmed. */
    void lateAnswerAfter(int skip) {
        lateAfter.set(skip);
    }

    /** Every action that reached the PBX, in arrival order. */
    List<Action> actions() {
        return new ArrayList<>(actions);
    }

    /** Actions that changed the PBX's state. */
    long applied() {
        return actions.stream().filter(a -> !a.changed().isEmpty()).count();
    }

    /** Values that would not have been well-formed AMI header values; must stay empty. */
    List<String> malformed() {
        return new ArrayList<>(malformed);
    }
}
