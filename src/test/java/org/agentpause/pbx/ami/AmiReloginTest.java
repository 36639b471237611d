package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agentpause.config.AmiSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session the library wrongly believes alive is logged off and logged in again by the link itself. */
class AmiReloginTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TIMEOUT_MS = 1000;
    private FakeAmiServer fake;
    private AmiLink link;

    @BeforeEach
    void up() throws Exception {
        fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        fake.start();
        AmiSettings settings = new AmiSettings("127.0.0.1", fake.port(), "pauseapi", "pauseapi-secret", TIMEOUT_MS, 0, 60);
        LeanManagerConnection connection = LeanManagerConnection.to(settings);
        LiveMembership live = new LiveMembership();
        link = new AmiLink(settings, connection, live);
        connection.addEventListener(new AmiEventRouter(live, link, () -> 0L));
        link.start();
        assertTrue(link.awaitSettled(WAIT), link.health().detail());
    }

    @AfterEach
    void down() throws Exception {
        link.close();
        fake.close();
    }

    @Test
    void aDeadSessionIsReportedDownThenLoggedInAndReloaded() throws Exception {
        fake.clearActions();
        link.sessionDead("test: socket broken under the library");
        assertFalse(link.isUp(), "requests must be refused until the new session is loaded");
        assertTrue(link.health().detail().contains("socket broken"), link.health().detail());
        assertTrue(AmiRig.eventually(WAIT, link::isUp), link.health().detail());
        List<String> names = fake.actionNames();
        assertTrue(names.indexOf("Login") >= 0 && names.indexOf("Login") < names.lastIndexOf("QueueStatus"),
                "logged in again, then reloaded: " + names);
        // The logged-off session's late disconnect notice must not tear the new one down: it stays
        // up, on one login, past the moment the fallback login would have fired.
        long until = System.nanoTime() + Duration.ofMillis(TIMEOUT_MS + 1000).toNanos();
        while (System.nanoTime() < until) {
            assertTrue(link.isUp(), () -> "the new session went down: " + link.health().detail());
            assertEquals(1, fake.actionNames().stream().filter("Login"::equals).count(), fake.actionNames()::toString);
            TimeUnit.MILLISECONDS.sleep(10); // checking that a state holds, not waiting for one
        }
    }
}
