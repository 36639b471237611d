package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agentpause.config.AmiSettings;
import org.agentpause.pause.Action;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseCommand;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend on its own against the fake: loading, reply mapping, optimistic view, refusals. */
class AmiQueueBackendTest {

    // Generous: the suite must pass on a loaded 2-core CI machine, where a 1 s load can time out.
    private static final int TIMEOUT_MS = 3000;
    private FakeAmiServer fake;
    private AmiQueueBackend backend;

    @BeforeEach
    void up() throws Exception {
        fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        fake.start();
        backend = new AmiQueueBackend(new AmiSettings("127.0.0.1", fake.port(), "pauseapi", "pauseapi-secret",
                TIMEOUT_MS, 0, 1));
        backend.start();
        assertTrue(backend.health().up(), backend.health().detail());
    }

    @AfterEach
    void down() throws Exception {
        backend.close();
        fake.close();
    }

    @Test
    void loadsQueueByQueueWithStatusRowFieldNames() {
        assertEquals(List.of("QueueSummary", "QueueStatus", "QueueStatus", "QueueStatus"),
                fake.actionNames().stream().filter(n -> n.startsWith("Queue")).toList());
        assertTrue(fake.actions("QueueStatus").get(0).text().contains("queue: 630\r\n"));
        QueueMember local = backend.view().membershipsOf("local/810@from-queue/n").get("630");
        assertEquals(new QueueMember("630", "Local/810@from-queue/n", "Agent 810", "PJSIP/810", 0, false, "", 0),
                local);
        assertEquals(List.of("Local/810@from-queue/n"), backend.view().interfacesFor("810"));
        assertEquals(5, backend.view().size());
        assertEquals(List.of("Challenge", "Login"), fake.actionNames().subList(0, 2), "MD5 challenge login");
        assertTrue(fake.actionNames().stream().noneMatch(n -> n.equals("CoreSettings") || n.equals("Command")),
                "no version probe a least-privilege user may not run: " + fake.actionNames());
    }

    @Test
    void anEventArrivingDuringAReloadIsNotLostInTheSwap() throws Exception {
        fake.setLatency("QueueStatus", Duration.ofMillis(300));
        fake.clearActions();
        MembershipView before = backend.view();
        fake.announceReload("app_queue.so");
        // Queue 630's rows have been sent once the load asks for 631; pause 630 "from the CLI" now,
        // so the fresh view's row for 630 is already stale when it is swapped in.
        assertTrue(fake.awaitAction(a -> a.name().equals("QueueStatus") && a.text().contains("queue: 631"),
                Duration.ofSeconds(5)) != null);
        fake.pauseFromCli("PJSIP/808", "630", true, "meeting");
        assertTrue(fake.awaitAction(a -> a.name().equals("QueueStatus") && a.text().contains("queue: 632"),
                Duration.ofSeconds(5)) != null);
        assertTrue(AmiRig.eventually(Duration.ofSeconds(5), () -> {
            if (backend.view() == before) {
                return false; // the fresh view is not swapped in yet
            }
            QueueMember m = backend.view().membershipsOf("PJSIP/808").get("630");
            return m != null && m.paused() && m.reason().equals("meeting");
        }), "view: " + backend.view().membershipsOf("PJSIP/808"));
    }

    @Test
    void loadsALargePbxCompletely() throws Exception {
        try (FakeAmiServer big = new FakeAmiServer("pauseapi", "pauseapi-secret").withGeneratedQueues(200, 40)) {
            big.start();
            try (AmiQueueBackend b = new AmiQueueBackend(new AmiSettings("127.0.0.1", big.port(), "pauseapi",
                    "pauseapi-secret", 5000, 0, 5))) {
                b.start();
                assertTrue(b.health().up(), b.health().detail());
                assertEquals(8000, b.view().size());
                assertEquals(200, b.view().membershipsOf("PJSIP/1039").size());
                assertEquals(201, big.actions().stream().filter(a -> a.name().startsWith("Queue")).count(),
                        "one QueueSummary, then one QueueStatus per queue");
            }
        }
    }

    @Test
    void mapsRepliesToChangedQueuesOrNotFound() throws Exception {
        assertEquals(List.of("630"), backend.setPaused("PJSIP/808", "630", true, "lunch"));
        assertEquals(List.of("630", "631"), backend.setPaused("PJSIP/808", null, false, ""));
        assertEquals(List.of(), backend.setPaused("PJSIP/808", "632", true, ""));
        assertEquals(List.of(), backend.setPaused("PJSIP/999", null, true, ""));
    }

    @Test
    void successUpdatesTheViewBeforeAnyEventSoAToggleReadsIt() throws Exception {
        fake.setEventsMuted(true); // no QueueMemberPause will confirm anything
        assertEquals(List.of("630", "631"), backend.setPaused("PJSIP/808", null, true, "lunch"));
        QueueMember m = backend.view().membershipsOf("PJSIP/808").get("631");
        assertTrue(m.paused());
        assertEquals("lunch", m.reason());

        PauseService core = new PauseService(backend, new MemberResolver(List.of("PJSIP/{member}")));
        assertEquals(Outcome.UNPAUSED, core.execute(PauseCommand.of("808", null, Action.TOGGLE, "", "test")).outcome());
        String last = fake.actions("QueuePause").get(fake.actions("QueuePause").size() - 1).text();
        assertTrue(last.contains("paused: false\r\n"), last);
    }

    @Test
    void anEventAppliedBeforeTheOptimisticUpdateWins() throws Exception {
        // Our pause's own event (paused) and then a supervisor's CLI unpause both reach the view
        // before the worker thread gets the Success; the view must end unpaused, as Asterisk is.
        fake.beforeNextPauseReply(() -> {
            fake.pauseFromCli("PJSIP/808", "630", false, "");
            fake.addMember("699", "PJSIP/877", "Marker"); // applied after both events above
            awaitInView("PJSIP/877");
        });
        assertEquals(List.of("630"), backend.setPaused("PJSIP/808", "630", true, "lunch"));
        assertFalse(fake.queues().isPaused("630", "PJSIP/808"), "the supervisor's unpause came last");
        QueueMember m = backend.view().membershipsOf("PJSIP/808").get("630");
        assertFalse(m.paused(), "the view kept the newer event: " + m);
        assertEquals("", m.reason());
    }

    @Test
    void aReloadSwappedInBeforeTheOptimisticUpdateWins() throws Exception {
        MembershipView before = backend.view();
        fake.setEventsMuted(true); // only the reload tells the view anything
        fake.beforeNextPauseReply(() -> {
            fake.pauseFromCli("PJSIP/808", "631", false, "");
            fake.setEventsMuted(false);
            fake.announceReload("app_queue.so");
            awaitTrue(() -> backend.view() != before);
        });
        assertEquals(List.of("630", "631"), backend.setPaused("PJSIP/808", null, true, "lunch"));
        Map<String, QueueMember> now = backend.view().membershipsOf("PJSIP/808");
        assertTrue(now.get("630").paused(), "the reload saw our pause in 630: " + now);
        assertFalse(now.get("631").paused(), "and the CLI unpause in 631, newer than our guess: " + now);
    }

    @Test
    void successForAnInterfaceTheViewLackedReportsItsRealQueues() throws Exception {
        fake.addMemberSilently("632", "PJSIP/814", "Agent 814"); // a silent `queue reload`
        fake.addMemberSilently("631", "PJSIP/814", "Agent 814");
        assertTrue(backend.view().membershipsOf("PJSIP/814").isEmpty());
        assertEquals(List.of("631", "632"), backend.setPaused("PJSIP/814", null, true, "lunch"),
                "the queues Asterisk changed, learned by a reload; never a made-up name");
        assertTrue(backend.view().membershipsOf("PJSIP/814").get("632").paused());
    }

    @Test
    void successForAnInterfaceWhoseQueuesCannotBeLearnedSaysSoInsteadOfInventingOne() throws Exception {
        fake.addMemberSilently("632", "PJSIP/814", "Agent 814");
        fake.setLatency("QueueSummary", Duration.ofMillis(3L * TIMEOUT_MS)); // the reload cannot finish in time
        PbxUnavailableException e = assertThrows(PbxUnavailableException.class,
                () -> backend.setPaused("PJSIP/814", null, true, ""));
        assertTrue(e.maybeApplied(), "Asterisk did apply it");
        assertTrue(e.getMessage().contains("PJSIP/814"), e.getMessage());
        assertTrue(fake.queues().isPaused("632", "PJSIP/814"));
    }

    @Test
    void interfaceNotFoundForAMembershipTheViewHoldsReloadsTheView() throws Exception {
        assertTrue(backend.view().membershipsOf("PJSIP/809").containsKey("630"));
        fake.queues().remove("630", "PJSIP/809"); // a silent `queue reload` dropped the static member
        fake.clearActions();
        assertEquals(List.of(), backend.setPaused("PJSIP/809", "630", true, ""));
        awaitTrue(() -> backend.view().membershipsOf("PJSIP/809").isEmpty());
        assertTrue(fake.actionNames().contains("QueueSummary"), "reloaded: " + fake.actionNames());
    }

    /** The first {@code QueueMemberStatus} Asterisk 22 sent in transcript 18, as header pairs. */
    private static List<String[]> recordedQueueMemberStatus() throws Exception {
        String text = java.nio.file.Files.readString(FakeAmiServerTranscriptTest.TRANSCRIPTS
                .resolve("18-queuememberstatus-devicestate.asterisk.txt"));
        String block = text.substring(text.indexOf("Event: QueueMemberStatus\r\n"));
        block = block.substring(0, block.indexOf("\r\n\r\n"));
        List<String[]> headers = new java.util.ArrayList<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(": ");
            headers.add(colon < 0 ? new String[] {line.substring(0, line.length() - 1), ""}
                    : new String[] {line.substring(0, colon), line.substring(colon + 2)});
        }
        return headers;
    }

    private static List<String[]> with(List<String[]> headers, String name, String value) {
        return headers.stream().map(h -> h[0].equals(name) ? new String[] {name, value} : h).toList();
    }

    @Test
    void queueMemberStatusAsAsteriskSendsItKeepsTheViewCurrent() throws Exception {
        List<String[]> recorded = recordedQueueMemberStatus();
        assertEquals("Local/811@from-queue/n", recorded.stream().filter(h -> h[0].equals("Interface"))
                .findFirst().orElseThrow()[1]);
        // The same event reporting a pause our view has not seen (its QueueMemberPause was missed).
        fake.broadcast("agent", with(with(with(recorded, "Paused", "1"), "PausedReason", "wrap-up"),
                "LastPause", "1796323100"));
        awaitTrue(() -> backend.view().membershipsOf("Local/811@from-queue/n").get("632").paused());
        QueueMember m = backend.view().membershipsOf("Local/811@from-queue/n").get("632");
        assertEquals("wrap-up", m.reason());
        assertEquals(1796323100L, m.lastPause());
        assertEquals("Custom:811", m.stateInterface());
        // Then the recorded bytes unchanged: not paused.
        fake.broadcast("agent", recorded);
        awaitTrue(() -> !backend.view().membershipsOf("Local/811@from-queue/n").get("632").paused());
    }

    private void awaitInView(String iface) {
        awaitTrue(() -> !backend.view().membershipsOf(iface).isEmpty());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        try {
            if (!AmiRig.eventually(Duration.ofSeconds(5), condition)) {
                throw new AssertionError("condition not met within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void refusesLineBreaksInEveryHeaderAndWritesNothing() {
        fake.clearActions();
        for (String[] bad : List.of(new String[] {"PJSIP/808\r\nQueue: 631", "630", ""},
                new String[] {"PJSIP/808", "630\nQueue: 631", ""},
                new String[] {"PJSIP/808", "630", "x\r\n\r\nAction: Logoff"},
                new String[] {"PJSIP/808", "630", "x\rEvent: Fake"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.setPaused(bad[0], bad[1], true, bad[2]));
            assertTrue(e.getMessage().startsWith("refusing to send AMI header"), e.getMessage());
        }
        assertEquals(List.of(), fake.actions("QueuePause"));
    }

    @Test
    void credentialsRefusedAfterAReconnectAreNamedInHealth() throws Exception {
        fake.setRefuseLogin(true); // e.g. the secret changed in manager.conf, then Asterisk restarted
        fake.dropConnections();
        awaitTrue(() -> backend.health().detail().contains("lost; reconnecting"));
        assertFalse(backend.health().up());
        assertTrue(backend.health().detail().contains("ami.username/ami.secret"), backend.health().detail());
        fake.setRefuseLogin(false);
        awaitTrue(() -> backend.health().up());
    }

    @Test
    void failsFastWhileDown() throws Exception {
        fake.stopListening();
        assertTrue(AmiRig.eventually(Duration.ofSeconds(5), () -> !backend.health().up()));
        long start = System.nanoTime();
        PbxUnavailableException e = assertThrows(PbxUnavailableException.class,
                () -> backend.setPaused("PJSIP/808", "630", true, ""));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < TIMEOUT_MS, "took " + tookMs + " ms");
        assertTrue(e.getMessage().contains("reconnecting"), e.getMessage()); // ours or the library's state, whichever noticed first
    }
}
