package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.Test;

/** The four risky asterisk-java defaults are closed: bind, allow-list, script mapping, read timeout. */
class DoorSecurityTest {

    private static final String PHONE_808 = "PJSIP/808-0000001a";
    /** Set only by {@link ScriptCanary}'s class initializer (a test-only global). */
    static final AtomicBoolean CANARY_LOADED = new AtomicBoolean();

    @Test
    void sourceOutsideTheAllowListIsClosedBeforeAnyScriptRuns() throws Exception {
        // Loopback is not in 10.0.0.0/8: our own test connection plays the outsider.
        try (AgiRig rig = AgiRig.start(Map.of("agi.allow", "10.0.0.0/8"))) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
            assertTrue(r.refused(), "no command may be sent to a refused source: " + r.commands());
            assertTrue(r.serverClosed());
            assertNull(r.variable("AGENTPAUSE_STATUS"));
            assertEquals(0, rig.pbx.actionsApplied());
            assertFalse(rig.paused("PJSIP/808", "630"));
        }
    }

    @Test
    void unknownScriptNamesRunNothingAndLoadNoClass() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            for (String script : List.of("org.agentpause.agi.ScriptCanary", "agent-pause/Toggle",
                    "agent-pause/toggle/../on", "agent-pause", "ScriptCanary.groovy")) {
                AgiCallResult r = rig.call(script, PHONE_808).run();
                assertNull(r.variable("AGENTPAUSE_STATUS"), script);
                // asterisk-java's own marker for "no script mapped".
                assertEquals("NOT_FOUND", r.variable("AJ_AGISTATUS"), script);
            }
            assertFalse(CANARY_LOADED.get(), "a script class named in a URL was loaded");
            assertEquals(0, rig.pbx.actionsApplied());
        }
    }

    @Test
    void silentConnectionIsDroppedAfterTheReadTimeout() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of("agi.read-timeout-ms", "200"));
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", rig.port), 2000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            // The server closes long before our own 5 s guard: EOF, not a timeout.
            assertEquals(-1, in.read());
        }
    }

    @Test
    void listensOnTheConfiguredAddressOnly() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of("agi.bind", "127.0.0.2"))) {
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", rig.port), 2000);
                }
            });
            AgiCallResult r = FakeAsteriskCall.to("127.0.0.2", rig.port).script(FastAgiDoor.TOGGLE)
                    .channel(PHONE_808).run();
            assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
        }
    }

    @Test
    void closeStopsAcceptingThenLetsTheRunningScriptFinish() throws Exception {
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
        GateBackend gate = new GateBackend(pbx);
        AgiRig rig = AgiRig.start(Map.of(), pbx, gate);
        try {
            CompletableFuture<AgiCallResult> call = CompletableFuture.supplyAsync(
                    () -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE, PHONE_808).run()));
            gate.awaitEntered();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(rig.door::close);
            Deadline.await("the listening socket to close", java.time.Duration.ofSeconds(5),
                    () -> !accepts(rig.port));
            assertFalse(closing.isDone(), "close must wait for the running script");
            gate.release.countDown();
            assertEquals("PAUSED", call.get().variable("AGENTPAUSE_STATUS"));
            closing.get();
        } finally {
            gate.release.countDown();
            rig.close();
        }
    }

    @Test
    void overloadIsRefusedAtOnceNotQueuedWithoutEnd() throws Exception {
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
        GateBackend gate = new GateBackend(pbx);
        // One worker and a queue of one: a third concurrent call has nowhere to wait.
        try (AgiRig rig = AgiRig.start(Map.of("agi.threads", "1"), pbx, gate)) {
            CompletableFuture<AgiCallResult> first = CompletableFuture.supplyAsync(
                    () -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE, PHONE_808).run()));
            gate.awaitEntered();
            List<CompletableFuture<AgiCallResult>> more = List.of(
                    CompletableFuture.supplyAsync(() -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE,
                            PHONE_808).run())),
                    CompletableFuture.supplyAsync(() -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE,
                            PHONE_808).run())));
            CompletableFuture.anyOf(more.toArray(CompletableFuture[]::new)).get();
            gate.release.countDown();
            assertEquals("PAUSED", first.get().variable("AGENTPAUSE_STATUS"));
            long refused = more.stream().map(CompletableFuture::join).filter(AgiCallResult::refused).count();
            long served = more.stream().map(CompletableFuture::join)
                    .filter(r -> "UNPAUSED".equals(r.variable("AGENTPAUSE_STATUS"))).count();
            assertEquals(1, refused, "exactly one call finds the worker and its queue full");
            assertEquals(1, served, "the queued call runs after the first");
        } finally {
            gate.release.countDown();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void badAllowListStopsTheStartNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgiRig.start(Map.of("agi.allow", "127.0.0.0/33")));
        assertTrue(e.getMessage().startsWith("agi.allow: entry '127.0.0.0/33'"), e.getMessage());
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> AgiRig.start(Map.of("agi.allow", "localhost")));
        assertTrue(host.getMessage().contains("not an IP address literal"), host.getMessage());
    }
}
