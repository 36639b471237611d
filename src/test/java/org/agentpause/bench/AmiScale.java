package org.agentpause.bench;

import java.util.HashMap;
import java.util.Map;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.ami.AmiQueueBackend;

/**
 * The AMI backend logging in to a fake Asterisk of a given size and loading its membership,
 * in this JVM (the fake is built before the heap is measured, so only our side is counted).
 */
final class AmiScale implements ScaleBench.PbxFactory {

    private AmiFixture fixture;

    @Override
    public void prepare(int queues, int members) throws Exception {
        fixture = AmiFixture.sized(queues, members, 0);
    }

    @Override
    public QueueBackend start(int queues, int members) throws Exception {
        Map<String, String> keys = new HashMap<>(fixture.backendProps());
        AmiQueueBackend backend = new AmiQueueBackend(AgentPauseConfig.defaults(keys).ami());
        backend.start();
        int loaded = backend.view().size();
        if (!backend.health().up() || loaded != queues * members) {
            backend.close();
            throw new IllegalStateException("AMI backend loaded " + loaded + " of " + queues * members
                    + " memberships: " + backend.health().detail());
        }
        return backend;
    }

    @Override
    public void release() throws Exception {
        fixture.close();
    }
}
