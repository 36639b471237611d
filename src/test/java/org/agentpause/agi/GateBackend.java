package org.agentpause.agi;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;

/** Holds every pause write until released, so a test can act while a script is inside the core. */
final class GateBackend extends ForwardingBackend {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    GateBackend(QueueBackend target) {
        super(target);
    }

    @Override
    public List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        entered.countDown();
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new PbxUnavailableException("test gate never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PbxUnavailableException("interrupted at the test gate", e);
        }
        return super.setPaused(iface, queue, paused, reason);
    }

    /** Waits until a write reached the gate. */
    void awaitEntered() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no pause write reached the backend within 10 s");
        }
    }
}
