package org.agentpause.bench;

import java.util.Map;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.SimulatedPbx;

/** Builds a simulated PBX of a given size member by member, as a backend's load would. */
final class SimulatedScale implements ScaleBench.PbxFactory {

    @Override
    public QueueBackend start(int queues, int members) throws Exception {
        SimulatedPbx pbx = new SimulatedPbx(Map.of());
        int index = 0;
        for (int q = 0; q < queues; q++) {
            // One name per queue, as a parsed configuration or an AMI load that interns it holds.
            String queue = ScaleBench.queueName(q);
            for (int m = 0; m < members; m++) {
                pbx.addMember(queue, "PJSIP/" + ScaleBench.agent(index++));
            }
        }
        pbx.start();
        return pbx;
    }
}
