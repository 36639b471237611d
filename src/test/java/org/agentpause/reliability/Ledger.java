package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.agentpause.pbx.QueueMember;

/**
 * The books of a load run: what each request was told (by id, carried in its reason) against what
 * the PBX's own record says happened. Nothing lost: every change the PBX made was reported as
 * done. Nothing invented: every reported change was made. The final state is the replay of the
 * reported changes.
 */
final class Ledger {

    /** What a client was told: its outcome, and for a failure the interfaces it was told did change. */
    record Told(String outcome, boolean pause, List<String> changedInterfaces, String message) {
    }

    private final Map<String, Told> told = new ConcurrentHashMap<>();

    void tell(String id, Told t) {
        if (told.putIfAbsent(id, t) != null) {
            throw new AssertionError("request id used twice: " + id);
        }
    }

    int size() {
        return told.size();
    }

    Map<String, Integer> outcomeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        told.values().forEach(t -> counts.merge(t.outcome(), 1, Integer::sum));
        return counts;
    }

    /**
     * Checks the books against the PBX record and the final view; returns the number of changes
     * the PBX applied.
     */
    long reconcile(RecordingBackend backend, Map<String, List<QueueMember>> initial) {
        Map<String, List<RecordingBackend.Action>> byId = new HashMap<>();
        List<RecordingBackend.Action> actions = backend.actions();
        for (RecordingBackend.Action a : actions) {
            byId.computeIfAbsent(a.reason(), k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, Told> e : told.entrySet()) {
            List<String> changed = byId.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(a -> !a.changed().isEmpty()).map(RecordingBackend.Action::iface).sorted().toList();
            Told t = e.getValue();
            switch (t.outcome()) {
                case "PAUSED", "UNPAUSED" -> {
                    assertTrue(!changed.isEmpty(), () -> "invented: " + e.getKey() + " told " + t.outcome() + " but nothing changed");
                    assertEquals(t.outcome().equals("PAUSED"), t.pause(), e.getKey());
                    byId.get(e.getKey()).stream().filter(a -> !a.changed().isEmpty())
                            .forEach(a -> assertEquals(t.pause(), a.paused(), e.getKey()));
                }
                default -> {
                    if (t.message().contains("may have been applied")) {
                        // An honest "unknown": whatever the PBX did is consistent with it, but what
                        // the client was told did change must really have changed.
                        assertTrue(changed.containsAll(t.changedInterfaces()), () -> "invented: " + e.getKey());
                        continue;
                    }
                    assertEquals(t.changedInterfaces().stream().sorted().toList(), changed,
                            () -> "lost: " + e.getKey() + " told " + t.outcome() + " but the PBX changed " + changed);
                    assertTrue(changed.isEmpty() || !t.message().contains("not applied") || t.message().contains("applied only"),
                            () -> "told '" + t.message() + "' though " + changed + " changed");
                }
            }
        }
        for (String id : byId.keySet()) {
            assertTrue(told.containsKey(id), () -> "the PBX saw a request nobody was told about: " + id);
        }
        return replay(actions, initial, backend);
    }

    /** Replays the applied actions in PBX order over the initial state; the result must be the final view. */
    private static long replay(List<RecordingBackend.Action> actions, Map<String, List<QueueMember>> initial,
            RecordingBackend backend) {
        Map<String, Boolean> paused = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        initial.forEach((q, members) -> members.forEach(m -> {
            paused.put(q + "|" + m.iface().toLowerCase(), m.paused());
            reasons.put(q + "|" + m.iface().toLowerCase(), m.reason());
        }));
        long applied = 0;
        for (RecordingBackend.Action a : actions) {
            for (String q : a.changed()) {
                paused.put(q + "|" + a.iface().toLowerCase(), a.paused());
                reasons.put(q + "|" + a.iface().toLowerCase(), a.paused() ? a.reason() : "");
            }
            applied += a.changed().isEmpty() ? 0 : 1;
        }
        Map<String, Boolean> actual = new TreeMap<>();
        Map<String, String> actualReasons = new TreeMap<>();
        backend.view().snapshot().forEach((q, members) -> members.forEach(m -> {
            actual.put(q + "|" + m.iface().toLowerCase(), m.paused());
            actualReasons.put(q + "|" + m.iface().toLowerCase(), m.reason());
        }));
        assertEquals(paused, actual, "final pause state differs from the replay of the reported changes");
        assertEquals(reasons, actualReasons, "final reasons differ from the replay of the reported changes");
        return applied;
    }
}
