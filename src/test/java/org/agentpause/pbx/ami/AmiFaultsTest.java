package org.agentpause.pbx.ami;

import static org.agentpause.pbx.ami.AmiRig.TIMEOUT_MS;
import static org.agentpause.pbx.ami.AmiRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asterisk misbehaving: dropped connection, silence, refused login, down at start, lost list events. */
class AmiFaultsTest {

    private static final Duration RECOVERY = Duration.ofSeconds(15);
    private static final Map<String, String> PAUSE_808 = Map.of("member", "808", "queue", "630", "state", "on");
    private final FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
    private final ExecutorService client = Executors.newSingleThreadExecutor();
    private AmiRig rig;

    @AfterEach
    void down() throws Exception {
        client.shutdownNow();
        if (rig != null) {
            rig.close();
        }
        fake.close();
    }

    private int healthz() throws Exception {
        return rig.get("/healthz").statusCode();
    }

    private boolean healthzIs(int status) {
        try {
            return healthz() == status;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connectionDroppedMidRequestAnswers503ThenRecoversWithAReloadedView() throws Exception {
        fake.start();
        rig = new AmiRig(fake, Map.of());
        fake.setLatency("QueuePause", Duration.ofSeconds(30));
        long start = System.nanoTime();
        Future<HttpResponse<String>> reply = client.submit(() -> rig.pause(PAUSE_808));
        assertNotNull(fake.awaitAction(a -> a.name().equals("QueuePause"), Duration.ofSeconds(5)));
        fake.addMemberSilently("632", "PJSIP/814", "Agent 814"); // changed while we are away
        fake.dropConnections();

        HttpResponse<String> r = reply.get(TIMEOUT_MS + 2000, TimeUnit.MILLISECONDS);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(tookMs < TIMEOUT_MS + 1000, "answered in " + tookMs + " ms");
        assertFalse(fake.queues().isPaused("630", "PJSIP/808"), "the dropped action was never applied");

        fake.setLatency("QueuePause", Duration.ZERO);
        // The 503 can beat the disconnect notice, so wait for the second login before trusting /healthz.
        assertTrue(eventually(RECOVERY, () -> fake.logins() >= 2 && healthzIs(200)),
                "logged in again without a restart: " + rig.backend.health().detail());
        assertEquals(200, rig.get("/coocenter-api/queues/agent-status?member=814").statusCode(),
                "the view was reloaded after reconnecting");
        assertEquals(200, rig.pause(PAUSE_808).statusCode());
        assertTrue(fake.queues().isPaused("630", "PJSIP/808"));
    }

    @Test
    void silentAsteriskAnswers503WithinTheTimeoutAndIsDroppedByThePing() throws Exception {
        fake.start();
        rig = new AmiRig(fake, Map.of());
        fake.setSilent(true);
        long start = System.nanoTime();
        HttpResponse<String> r = rig.pause(PAUSE_808);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(tookMs < TIMEOUT_MS + 1000, "answered in " + tookMs + " ms");
        assertTrue(eventually(RECOVERY, () -> healthzIs(503)), "a silent peer must be detected by the ping");

        fake.setSilent(false);
        assertTrue(eventually(RECOVERY, () -> healthzIs(200)), rig.backend.health().detail());
        assertEquals(200, rig.pause(PAUSE_808).statusCode());
    }

    @Test
    void wrongCredentialsAreAClearHealthReasonWithoutTheSecret() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new TeeStream(original, logs), true, StandardCharsets.UTF_8));
        try {
            fake.setRefuseLogin(true);
            fake.start();
            rig = new AmiRig(fake, Map.of());
            HttpResponse<String> health = rig.get("/healthz");
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("AMI login refused for user 'pauseapi'"), health.body());
            assertTrue(health.body().contains("Authentication failed"), health.body());
            assertEquals(503, rig.pause(PAUSE_808).statusCode());

            fake.setRefuseLogin(false); // the admin fixed manager.conf: no restart needed
            assertTrue(eventually(RECOVERY, () -> healthzIs(200)), rig.backend.health().detail());
            assertEquals(200, rig.pause(PAUSE_808).statusCode());
        } finally {
            System.setErr(original);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("AMI login refused"), "the failure is logged");
        assertFalse(logged.contains("pauseapi-secret"), "no secret in any log line");
    }

    @Test
    void asteriskDownAtStartIsRetriedWithBackoff() throws Exception {
        fake.start();
        fake.stopListening();
        rig = new AmiRig(fake, Map.of());
        HttpResponse<String> health = rig.get("/healthz");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("cannot reach AMI at 127.0.0.1:" + fake.port()), health.body());
        fake.startListening();
        assertTrue(eventually(RECOVERY, () -> healthzIs(200)), rig.backend.health().detail());
    }

    @Test
    void aListWithMissingItemsIsNeverServed() throws Exception {
        fake.setListItemsSkew(1);
        fake.start();
        rig = new AmiRig(fake, Map.of());
        HttpResponse<String> health = rig.get("/healthz");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("events dropped"), health.body());
        assertEquals(0, rig.backend.view().size(), "no half-loaded view");
        fake.setListItemsSkew(0);
        assertTrue(eventually(RECOVERY, () -> healthzIs(200)), rig.backend.health().detail());
        assertEquals(5, rig.backend.view().size());
    }

    @Test
    void periodicResyncFindsSilentChanges() throws Exception {
        fake.start();
        rig = new AmiRig(fake, Map.of("ami.resync-s", "1"));
        fake.addMemberSilently("630", "PJSIP/815", "Agent 815");
        assertTrue(eventually(RECOVERY, () -> !rig.backend.view().membershipsOf("PJSIP/815").isEmpty()));
    }

    /** Copies everything written to two streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
