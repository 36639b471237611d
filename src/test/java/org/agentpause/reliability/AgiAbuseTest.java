package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.agentpause.agi.AgiRig;
import org.agentpause.agi.FastAgiDoor;
import org.agentpause.pbx.QueueMember;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The phone door under hostile peers: garbage {@code agi_*} environments, endless lines, an
 * environment that never ends, early closes, and sources outside the allow-list. The door never
 * hangs past its read timeout, changes a member only when it reports the change, and keeps
 * serving real calls.
 */
class AgiAbuseTest {

    static final int READ_TIMEOUT_MS = 400;
    static final AtomicLong CALLS = new AtomicLong();
    private static RecordingBackend backend;
    private static AgiRig rig;

    @BeforeAll
    static void start() throws Exception {
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"),
                "631", List.of("PJSIP/808")));
        backend = new RecordingBackend(pbx);
        rig = AgiRig.start(Map.of("agi.read-timeout-ms", Integer.toString(READ_TIMEOUT_MS), "agi.threads", "4",
                "agi.allow", "127.0.0.1/32"), pbx, backend);
    }

    @AfterAll
    static void stop() {
        rig.close();
        System.out.println("[figures] AgiAbuseTest calls=" + CALLS.get());
    }

    private static RawAgi.Session call(byte[] environment) {
        CALLS.incrementAndGet();
        try {
            return RawAgi.call(null, rig.port, environment, READ_TIMEOUT_MS + 3000);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A real press still works: the door survived whatever came before. */
    private static void realCallStillWorks() throws IOException {
        boolean before = rig.paused("PJSIP/809", "630");
        String status = rig.call(FastAgiDoor.TOGGLE + "?queue=630", "PJSIP/809-000000aa").run().variable("AGENTPAUSE_STATUS");
        assertEquals(before ? "UNPAUSED" : "PAUSED", status);
        assertEquals(!before, rig.paused("PJSIP/809", "630"));
    }

    static final List<String> SCRIPTS = List.of(FastAgiDoor.TOGGLE, FastAgiDoor.ON, FastAgiDoor.OFF, FastAgiDoor.STATUS,
            FastAgiDoor.ON + "?queue=630", FastAgiDoor.OFF + "?queue=*", FastAgiDoor.ON + "?queue=630&reason=lunch",
            FastAgiDoor.ON + "?queue=630%0d%0aQueue:%20631", FastAgiDoor.ON + "?reason=%00", FastAgiDoor.ON + "?reason=%zz",
            FastAgiDoor.ON + "?queue=630&queue=631", FastAgiDoor.ON + "?verbose=1", FastAgiDoor.ON + "?reason=9",
            "", "/", "..", "agent-pause", "agent-pause/", "agent-pause/toggle/../on", "org.agentpause.Main",
            "org.asteriskjava.fastagi.DefaultAgiServer", "AGENT-PAUSE/TOGGLE", "agent-pause/toggle\u0000",
            "agent-pause/on;queue=631", " ");

    static final List<String> CHANNELS = List.of("PJSIP/808-0000001a", "PJSIP/809-00000001", "SIP/808-1",
            "Local/810@from-queue-00000001;1", "PJSIP/808\r-1", "PJSIP/808\r\nQueue: 631-1", "PJSIP/-1", "PJSIP/",
            "", "808", "PJSIP/\uFF18\uFF10\uFF18-1", "IAX2/808-1", "PJSIP/808 -1", "PJSIP/999-1", "PJSIP/" + "8".repeat(200) + "-1");

    static Gen<byte[]> extraLine() {
        return Generate.pick(List.of("agi_arg_1: queue=630", "agi_arg_1: queue=631", "agi_arg_1: reason=1",
                "agi_arg_2: bogus", "agi_arg_1: =x", "agi_channel: PJSIP/809-00000002", "no colon here",
                "agi_network_script: agent-pause/on", ": empty name", "agi_arg_1: queue=630\r",
                "agi_callerid: 809", "agi_arg_1: reason=" + "r".repeat(120))).map(Wire::utf8)
                .mix(strings().allPossible().ofLengthBetween(0, 60).map(Wire::utf8), 30)
                .mix(Generate.pick(HostileValues.NOT_UTF8), 10);
    }

    /** Garbage environments: definite end within the timeout, and a change only when reported. */
    @Test
    void garbageEnvironmentsNeverHangAndNeverChangeSilently() throws Exception {
        Gen<byte[]> channel = Generate.pick(CHANNELS).map(Wire::utf8).mix(Generate.pick(HostileValues.NOT_UTF8), 10);
        Soak.qt().forAll(Generate.pick(SCRIPTS), channel, lists().of(extraLine()).ofSizeBetween(0, 4))
                .checkAssert((script, chan, extra) -> {
                    Map<String, List<QueueMember>> before = backend.view().snapshot();
                    long applied = backend.applied();
                    RawAgi.Session s = call(RawAgi.environment(rig.port, script, chan, extra, true));
                    String what = script + " " + Verdicts.printable(chan) + " " + extra.stream().map(Verdicts::printable).toList();
                    assertTrue(s.closedByServer(), () -> "session not ended by the server: " + what);
                    long changes = backend.applied() - applied;
                    boolean reportedChange = s.status().equals("PAUSED") || s.status().equals("UNPAUSED");
                    if (!script.startsWith(FastAgiDoor.STATUS)) {
                        assertEquals(reportedChange, changes > 0, () -> what + " status=" + s.status() + " changes=" + changes);
                    }
                    if (changes == 0) {
                        assertEquals(before, backend.view().snapshot(), what);
                    }
                    assertEquals(List.of(), backend.malformed(), what);
                });
        realCallStillWorks();
    }

    @Test
    void endlessLineIsCutOff() throws Exception {
        byte[] endless = new byte[1 << 20];
        java.util.Arrays.fill(endless, (byte) 'a');
        long applied = backend.applied();
        RawAgi.Session s = call(HostileValues.splice(Wire.utf8("agi_network: yes\nagi_channel: "), endless, 1000));
        assertTrue(s.closedByServer());
        assertEquals(applied, backend.applied());
        realCallStillWorks();
    }

    @Test
    void environmentWithoutItsBlankLineIsDroppedAtTheReadTimeout() throws Exception {
        long applied = backend.applied();
        RawAgi.Session s = call(RawAgi.environment(rig.port, FastAgiDoor.ON, Wire.utf8("PJSIP/808-1"), List.of(), false));
        assertTrue(s.closedByServer(), "unterminated environment kept open");
        assertTrue(s.millis() < READ_TIMEOUT_MS + 2000, () -> "closed after " + s.millis() + " ms");
        assertEquals(applied, backend.applied());
        realCallStillWorks();
    }

    /** Environment lines that never end (no blank line, but never silent either) must not be buffered without end. */
    @Test
    void endlessEnvironmentIsCutOff() throws Exception {
        StringBuilder env = new StringBuilder("agi_network: yes\nagi_network_script: agent-pause/on\n");
        int lines = 200_000;
        for (int i = 0; i < lines; i++) {
            env.append("agi_arg_").append(i).append(": x\n");
        }
        long applied = backend.applied();
        RawAgi.Session s = call(Wire.utf8(env.append('\n').toString()));
        assertTrue(s.closedByServer());
        assertTrue(s.commands().isEmpty(), () -> "the door ran a script after " + lines + " environment lines: " + s.commands());
        assertEquals(applied, backend.applied());
        realCallStillWorks();
    }

    /** A peer that closes at any byte of a valid call: no hang, at most the one change it asked for. */
    @Test
    void earlyCloseAtAnyPointIsHarmless() throws Exception {
        byte[] env = RawAgi.environment(rig.port, FastAgiDoor.ON + "?queue=631", Wire.utf8("PJSIP/808-0000001a"), List.of(), true);
        Soak.qt(Soak.scale(40, 400)).forAll(integers().between(0, env.length - 1)).checkAssert(cut -> {
            long applied = backend.applied();
            CALLS.incrementAndGet();
            try (java.net.Socket sock = new java.net.Socket(InetAddress.getLoopbackAddress(), rig.port)) {
                sock.setSoTimeout(READ_TIMEOUT_MS + 3000);
                sock.getOutputStream().write(java.util.Arrays.copyOf(env, cut));
                sock.shutdownOutput();
                // Drain until the door ends the session, so the next cut does not queue behind it.
                sock.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(applied, backend.applied(), () -> "a call cut at byte " + cut + " changed the PBX");
        });
        realCallStillWorks();
    }

    /** Sources outside agi.allow (127.0.0.1/32 here) never run a script, however they ask. */
    @Test
    void allowListHoldsForEveryOtherSource() throws Exception {
        long applied = backend.applied();
        LogCapture capture = new LogCapture();
        for (int host = 2; host < Soak.scale(12, 250); host++) {
            InetAddress source = InetAddress.getByName("127.0.0." + host);
            CALLS.incrementAndGet();
            RawAgi.Session s = RawAgi.call(source, rig.port,
                    RawAgi.environment(rig.port, FastAgiDoor.ON + "?queue=630", Wire.utf8("PJSIP/808-1"), List.of(), true),
                    READ_TIMEOUT_MS + 3000);
            assertTrue(s.closedByServer() && s.commands().isEmpty(), () -> "source " + source + " was served: " + s);
        }
        capture.close();
        long lines = capture.text().lines().filter(l -> l.contains("not in agi.allow")).count();
        assertTrue(lines >= 1 && lines <= 2, () -> "refused sources wrote " + lines + " log lines");
        assertEquals(applied, backend.applied(), "a refused source changed the PBX");
        realCallStillWorks();
    }

    /**
     * {@code AGI(agi://host:port)} without a path sends an empty script name; the library looked it
     * up in an immutable map, which threw a NullPointerException logged with a stack trace per call.
     */
    @Test
    void emptyScriptNameIsRefusedWithoutAStackTrace() throws Exception {
        long applied = backend.applied();
        String log;
        try (LogCapture capture = new LogCapture()) {
            RawAgi.Session s = call(RawAgi.environment(rig.port, "", Wire.utf8("PJSIP/808-1"), List.of(), true));
            assertTrue(s.closedByServer());
            log = capture.text();
        }
        assertTrue(log.contains("No script configured"), log);
        assertTrue(!log.contains("NullPointerException"), log);
        assertEquals(applied, backend.applied());
        realCallStillWorks();
    }
    /** More calls than workers and queue slots: each extra one is closed at once, and the log gets one line, not one per call. */
    @Test
    void anOverloadIsRefusedCallByCallWithOneLogLine() throws Exception {
        try (HttpDoor door = HttpDoor.startWithAgi(Map.of("agi.threads", "1"))) {
            door.pbx().setLatencyMicros(1_500_000);
            String log;
            int refused = 0;
            try (LogCapture capture = new LogCapture()) {
                // One call holds the worker for 1.5 s, one waits in the queue; the rest find both full.
                java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    for (int i = 0; i < 2; i++) {
                        callers.submit(() -> RawAgi.call(null, door.agiPort, RawAgi.environment(door.agiPort,
                                FastAgiDoor.TOGGLE, Wire.utf8("PJSIP/808-1"), List.of(), true), 10_000));
                    }
                    assertTrue(awaitWaiting(door), "the second call never queued");
                    for (int i = 0; i < 20; i++) {
                        CALLS.incrementAndGet();
                        RawAgi.Session s = RawAgi.call(null, door.agiPort, RawAgi.environment(door.agiPort,
                                FastAgiDoor.TOGGLE, Wire.utf8("PJSIP/809-1"), List.of(), true), 2000);
                        if (s.closedByServer() && s.commands().isEmpty()) {
                            refused++;
                        }
                    }
                } finally {
                    callers.shutdownNow();
                }
                log = capture.text();
            }
            assertEquals(20, refused, "every call past the worker and its queue slot is refused unserved");
            assertFalse(door.pbx().view().membershipsOf("PJSIP/809").get("630").paused(), "a refused call changed the PBX");
            long ours = log.lines().filter(l -> l.contains("FastAGI call refused")).count();
            assertTrue(ours >= 1 && ours <= 2, () -> "refusals wrote " + ours + " lines:\n" + log);
            assertFalse(log.contains("rejected by pool"), log);
        }
    }

    /** Polls until one press runs in the PBX and another waits for the worker. */
    private static boolean awaitWaiting(HttpDoor door) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (door.pbx().inProgress() == 1 && door.agi.waitingCalls() == 1) {
                return true;
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(5);
        }
        return false;
    }
}
