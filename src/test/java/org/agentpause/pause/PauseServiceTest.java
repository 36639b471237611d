package org.agentpause.pause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agentpause.pbx.QueueMember;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PauseServiceTest {

    private final SimulatedPbx pbx = new SimulatedPbx(Map.of(
            "630", List.of("PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"),
            "631", List.of("PJSIP/808"),
            "632", List.of()), () -> 1796323026L);
    private final PauseService service = new PauseService(pbx,
            new MemberResolver(List.of("PJSIP/{member}", "SIP/{member}")));
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private PauseResult run(String member, String queue, Action action, String reason) throws Exception {
        return service.execute(PauseCommand.of(member, queue, action, reason, "test"));
    }

    private boolean paused(String queue, String iface) {
        return pbx.view().membershipsOf(iface).get(queue).paused();
    }

    @Test
    void pausesOneQueueWithReasonAndLeavesTheOtherAlone() throws Exception {
        PauseResult r = run("808", "630", Action.PAUSE, "lunch");
        assertEquals(Outcome.PAUSED, r.outcome());
        assertEquals("Interface paused successfully", r.message());
        assertEquals(List.of("630"), r.queues());
        assertEquals(List.of("PJSIP/808"), r.interfaces());
        QueueMember m = pbx.view().membershipsOf("PJSIP/808").get("630");
        assertTrue(m.paused());
        assertEquals("lunch", m.reason());
        assertEquals(1796323026L, m.lastPause());
        assertFalse(paused("631", "PJSIP/808"));
    }

    @Test
    void noQueueCoversEveryQueueTheMemberIsIn() throws Exception {
        PauseResult r = run("808", "*", Action.PAUSE, "");
        assertEquals(List.of("630", "631"), r.queues());
        assertTrue(paused("630", "PJSIP/808") && paused("631", "PJSIP/808"));
        assertEquals(Outcome.UNPAUSED, run("808", null, Action.UNPAUSE, "").outcome());
        assertFalse(paused("630", "PJSIP/808") || paused("631", "PJSIP/808"));
    }

    @Test
    void resolvesLocalMembersByTheirExtension() throws Exception {
        assertEquals(List.of("Local/810@from-queue/n"), run("810", "630", Action.PAUSE, "").interfaces());
        assertTrue(paused("630", "Local/810@from-queue/n"));
    }

    @Test
    void notFoundForUnknownQueueForeignQueueAndNoQueue() throws Exception {
        assertEquals(Outcome.NOT_FOUND, run("808", "699", Action.PAUSE, "").outcome());
        assertEquals(Outcome.NOT_FOUND, run("809", "631", Action.PAUSE, "").outcome());
        assertEquals(Outcome.NOT_FOUND, run("999", null, Action.PAUSE, "").outcome());
        assertEquals(Outcome.NOT_FOUND, run("808", "632", Action.TOGGLE, "").outcome());
        assertEquals("Interface not found", run("999", "630", Action.UNPAUSE, "").message());
        assertEquals(0, pbx.actionsApplied());
    }

    @Test
    void toggleUnpausesEverywhereWhenPausedAnywhere() throws Exception {
        run("808", "631", Action.PAUSE, "");
        PauseResult r = run("808", null, Action.TOGGLE, "");
        assertEquals(Outcome.UNPAUSED, r.outcome());
        assertFalse(paused("630", "PJSIP/808") || paused("631", "PJSIP/808"));
        assertEquals(Outcome.PAUSED, run("808", null, Action.TOGGLE, "").outcome());
        assertTrue(paused("630", "PJSIP/808") && paused("631", "PJSIP/808"));
    }

    @Test
    void toggleInOneQueueLooksOnlyAtThatQueue() throws Exception {
        run("808", "631", Action.PAUSE, "");
        assertEquals(Outcome.PAUSED, run("808", "630", Action.TOGGLE, "").outcome());
        assertEquals(Outcome.UNPAUSED, run("808", "630", Action.TOGGLE, "").outcome());
        assertTrue(paused("631", "PJSIP/808"));
    }

    @Test
    void unavailablePbxChangesNothingAndSaysSo() throws Exception {
        pbx.failNext(1);
        PauseResult r = run("808", null, Action.PAUSE, "");
        assertEquals(Outcome.UNAVAILABLE, r.outcome());
        assertEquals(List.of(), r.queues());
        assertFalse(paused("630", "PJSIP/808"));
        assertEquals(Outcome.PAUSED, run("808", null, Action.PAUSE, "").outcome());
    }

    @Test
    void aLostReplyIsReportedAsUnconfirmedNeverAsNotApplied() throws Exception {
        pbx.loseNextReplies(1);
        PauseResult r = run("808", "630", Action.PAUSE, "");
        assertEquals(Outcome.UNAVAILABLE, r.outcome());
        assertEquals(PauseService.UNCONFIRMED, r.message());
        assertTrue(paused("630", "PJSIP/808"), "the fake applied it, as a real PBX may have");
    }

    @Test
    void aFailureAfterOneInterfaceChangedReportsWhatChanged() throws Exception {
        pbx.addMember("631", "SIP/808");
        // PJSIP/808 succeeds, then the PBX fails for SIP/808.
        PauseService twoInterfaces = new PauseService(new org.agentpause.pbx.QueueBackend() {
            private int calls;

            @Override
            public void start() {
            }

            @Override
            public org.agentpause.pbx.MembershipView view() {
                return pbx.view();
            }

            @Override
            public List<String> setPaused(String iface, String queue, boolean paused, String reason)
                    throws org.agentpause.pbx.PbxUnavailableException {
                if (calls++ == 1) {
                    throw new org.agentpause.pbx.PbxUnavailableException("down");
                }
                return pbx.setPaused(iface, queue, paused, reason);
            }

            @Override
            public org.agentpause.pbx.BackendHealth health() {
                return pbx.health();
            }

            @Override
            public void close() {
            }
        }, new MemberResolver(List.of("PJSIP/{member}")));
        PauseResult r = twoInterfaces.execute(PauseCommand.of("808", null, Action.PAUSE, "", "test"));
        assertEquals(Outcome.UNAVAILABLE, r.outcome());
        assertEquals(PauseService.PARTIAL, r.message());
        assertEquals(List.of("PJSIP/808"), r.interfaces());
        assertEquals(List.of("630", "631"), r.queues());
    }

    @Test
    void aRequestStuckBehindASlowPbxGivesUpUnchanged() throws Exception {
        PauseService impatient = new PauseService(pbx, new MemberResolver(List.of("PJSIP/{member}")),
                java.time.Duration.ofMillis(50));
        pbx.setLatencyMicros(1_000_000);
        Future<PauseResult> slow = pool.submit(() -> impatient.execute(
                PauseCommand.of("808", "630", Action.PAUSE, "", "first")));
        // Wait until the first request is inside the PBX, holding the agent's lock for a second.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pbx.inProgress() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, pbx.inProgress());
        PauseResult second = impatient.execute(PauseCommand.of("808", "631", Action.PAUSE, "", "second"));
        assertEquals(Outcome.UNAVAILABLE, second.outcome());
        assertEquals(PauseService.BUSY, second.message());
        assertEquals(Outcome.PAUSED, slow.get().outcome());
    }

    @Test
    void sixtyFourParallelTogglesOfOneMemberNeverInterleave() throws Exception {
        List<Callable<Outcome>> presses = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            presses.add(() -> run("808", null, Action.TOGGLE, "").outcome());
        }
        pbx.setLatencyMicros(200); // widen the read-modify-write window
        int pausedCount = 0;
        for (Future<Outcome> f : pool.invokeAll(presses)) {
            pausedCount += f.get() == Outcome.PAUSED ? 1 : 0;
        }
        assertEquals(32, pausedCount);
        // An even number of toggles returns to the start, in both queues alike.
        assertFalse(paused("630", "PJSIP/808"));
        assertFalse(paused("631", "PJSIP/808"));
        assertEquals(64, pbx.actionsApplied());
        assertEquals(0, pbx.redundantChanges(), "a toggle acted on a state another toggle was changing");
    }

    @Test
    void anAgentNamedByMemberNameSharesTheLockWithItsExtension() throws Exception {
        pbx.view().put(new QueueMember("632", "PJSIP/812", "alice", "PJSIP/812", 0, false, "", 0));
        List<Callable<Outcome>> presses = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String name = i % 2 == 0 ? "alice" : "812";
            presses.add(() -> run(name, null, Action.TOGGLE, "").outcome());
        }
        pbx.setLatencyMicros(300);
        int pausedCount = 0;
        for (Future<Outcome> f : pool.invokeAll(presses)) {
            pausedCount += f.get() == Outcome.PAUSED ? 1 : 0;
        }
        assertEquals(16, pausedCount);
        assertEquals(0, pbx.redundantChanges(), "toggles under two names for one agent interleaved");
        assertFalse(paused("632", "PJSIP/812"));
    }

    @Test
    void memberNamedByInterfaceSharesTheLockAndState() throws Exception {
        assertEquals(Outcome.PAUSED, run("PJSIP/808", "630", Action.TOGGLE, "").outcome());
        assertEquals(Outcome.UNPAUSED, run("808", "630", Action.TOGGLE, "").outcome());
        assertEquals(MemberResolver.lockKey("808"), MemberResolver.lockKey("pjsip/808"));
    }
}
