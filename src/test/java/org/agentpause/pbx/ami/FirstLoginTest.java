package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.agentpause.config.AmiSettings;
import org.asteriskjava.manager.ManagerConnectionState;
import org.junit.jupiter.api.Test;

/** The first login: a login the library refuses for its state must be retried unless already connected. */
class FirstLoginTest {

    @Test
    void aLoginRefusedForAnyStateButConnectedIsReportedForRetry() throws Exception {
        try (FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues()) {
            fake.start();
            AmiSettings settings = new AmiSettings("127.0.0.1", fake.port(), "pauseapi", "pauseapi-secret",
                    1000, 0, 10);
            LeanManagerConnection connection = LeanManagerConnection.to(settings);
            FirstLogin login = new FirstLogin(settings, connection);
            try {
                assertNull(login.attempt(), "logged in");
                assertNull(login.attempt(), "already logged in: nothing to retry");

                fake.stopListening(); // the library now reconnects and refuses any login meanwhile
                assertTrue(AmiRig.eventually(Duration.ofSeconds(5),
                        () -> connection.getState() == ManagerConnectionState.RECONNECTING), "state "
                        + connection.getState());
                String failure = login.attempt();
                assertNotNull(failure, "not logged in, so the caller must keep retrying");
                assertTrue(failure.contains("not attempted") && failure.contains("RECONNECTING"), failure);
                assertFalse(failure.contains("pauseapi-secret"), failure);
            } finally {
                connection.logoff();
            }
        }
    }
}
