package org.agentpause.agi;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.config.ConfigException;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.QueueMember;
import org.agentpause.pbx.SimulatedPbx;

/**
 * A running FastAGI door on a loopback port over a {@link SimulatedPbx} shaped like the Asterisk
 * test PBX of the transcripts (630: 808, 809, Local/810; 631: 808), for tests and benchmarks.
 */
public final class AgiRig implements AutoCloseable {

    public final SimulatedPbx pbx;
    public final QueueBackend backend;
    public final PauseService service;
    public final MemberResolver resolver;
    public final FastAgiDoor door;
    public final int port;

    /** A rig with default settings plus {@code overrides} (e.g. {@code agi.allow}); {@code agi.port} is 0. */
    public static AgiRig start(Map<String, String> overrides) throws IOException, ConfigException {
        SimulatedPbx pbx = new SimulatedPbx(Map.of(
                "630", List.of("PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"),
                "631", List.of("PJSIP/808")));
        return start(overrides, pbx, pbx);
    }

    /** A rig over a given backend (e.g. a wrapper injecting faults around {@code pbx}). */
    public static AgiRig start(Map<String, String> overrides, SimulatedPbx pbx, QueueBackend backend)
            throws IOException, ConfigException {
        Map<String, String> settings = new HashMap<>(Map.of("agi.port", "0", "agi.read-timeout-ms", "5000"));
        settings.putAll(overrides);
        AgentPauseConfig config = AgentPauseConfig.defaults(settings);
        return new AgiRig(config, pbx, backend);
    }

    private AgiRig(AgentPauseConfig config, SimulatedPbx pbx, QueueBackend backend) throws IOException {
        this.pbx = pbx;
        this.backend = backend;
        this.resolver = new MemberResolver(config.pbx().memberTemplates());
        this.service = new PauseService(backend, resolver);
        this.door = new FastAgiDoor(config.agi(), service, backend, resolver);
        this.port = door.start();
    }

    /** A call from {@code channel} to {@code script} on this rig. */
    public FakeAsteriskCall call(String script, String channel) {
        return FakeAsteriskCall.to("127.0.0.1", port).script(script).channel(channel);
    }

    /** Whether {@code iface} is paused in {@code queue}, from the simulated PBX. */
    public boolean paused(String iface, String queue) {
        QueueMember m = pbx.view().membershipsOf(iface).get(queue);
        if (m == null) {
            throw new AssertionError(iface + " is not in queue " + queue);
        }
        return m.paused();
    }

    /** The pause reason of {@code iface} in {@code queue}. */
    public String reason(String iface, String queue) {
        return pbx.view().membershipsOf(iface).get(queue).reason();
    }

    /** Something that does I/O, for use inside a {@code CompletableFuture}. */
    public interface IoCall<T> {
        T run() throws Exception;
    }

    /** Runs {@code call}, rethrowing checked exceptions unchecked (for async test calls). */
    public static <T> T unchecked(IoCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        door.close();
        backend.close();
    }
}
