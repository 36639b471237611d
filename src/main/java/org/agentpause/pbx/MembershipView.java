package org.agentpause.pbx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory index of queue membership: who is in which queue, paused or not.
 *
 * <p>Reads are lock-free and cost O(1) map look-ups whatever the PBX size, so resolving an agent
 * never needs a PBX round trip: the per-interface and per-extension entries are immutable and
 * replaced whole by writers, so a reader gets a consistent value without copying. Writes take one
 * lock so the three indexes stay in step and cost O(memberships of one interface). A backend that
 * reloads builds a fresh view and swaps it in whole, so readers never see a half-loaded one.
 * Small immutable entries also keep the heap near 500 bytes per membership (BENCHMARKS.md).
 */
public final class MembershipView {

    /** Interfaces are matched case-insensitively, as Asterisk does; keys are lower-cased. */
    private final Map<String, SortedMap<String, QueueMember>> byInterface = new ConcurrentHashMap<>();
    private final Map<String, Map<String, QueueMember>> byQueue = new ConcurrentHashMap<>();
    /** Extension or member name to the interfaces (configured spelling, sorted) it stands for. */
    private final ExtensionIndex byExtension = new ExtensionIndex();
    /** One String instance per queue name, however many rows spelled it (an AMI load makes one per row). */
    private final Map<String, String> queueNames = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /** The extension an interface serves: {@code PJSIP/808}, {@code Local/808@from-queue/n} → {@code 808}. */
    public static String resourceOf(String iface) {
        int slash = iface.indexOf('/');
        if (slash < 0) {
            return iface;
        }
        int end = slash + 1;
        while (end < iface.length() && iface.charAt(end) != '@' && iface.charAt(end) != '/') {
            end++;
        }
        return iface.substring(slash + 1, end);
    }

    private static String key(String iface) {
        return iface.toLowerCase(Locale.ROOT);
    }

    /** Declares a queue, so an empty queue is still known to exist. */
    public void addQueue(String queue) {
        byQueue.computeIfAbsent(queueNames.computeIfAbsent(queue, q -> q), q -> new ConcurrentHashMap<>());
    }

    /** Adds or replaces one membership. */
    public void put(QueueMember given) {
        synchronized (writeLock) {
            String k = key(given.iface());
            SortedMap<String, QueueMember> known = byInterface.get(k);
            QueueMember m = shared(given, known);
            byQueue.computeIfAbsent(m.queue(), q -> new ConcurrentHashMap<>()).put(k, m);
            TreeMap<String, QueueMember> queues = copy(known);
            QueueMember replaced = queues.put(m.queue(), m);
            byInterface.put(k, Collections.unmodifiableSortedMap(queues));
            if (replaced != null && !replaced.name().equals(m.name())) {
                forgetName(replaced, queues);
            }
            byExtension.add(resourceOf(m.iface()), m.iface());
            if (named(m)) {
                byExtension.add(m.name(), m.iface());
            }
        }
    }

    /** The member with its queue and interface names as the instances the view already holds. */
    private QueueMember shared(QueueMember m, SortedMap<String, QueueMember> known) {
        String queue = queueNames.computeIfAbsent(m.queue(), q -> q);
        String iface = m.iface();
        if (known != null && !known.isEmpty()) {
            String held = known.get(known.firstKey()).iface();
            iface = held.equals(iface) ? held : iface;
        }
        if (queue == m.queue() && iface == m.iface()) {
            return m;
        }
        return new QueueMember(queue, iface, m.name().equals(m.iface()) ? iface : m.name(),
                m.stateInterface().equals(m.iface()) ? iface : m.stateInterface(), m.penalty(), m.paused(),
                m.reason(), m.lastPause());
    }

    /**
     * Whether the member name is worth indexing: a name containing {@code /} could only be asked
     * for as an interface, which the resolver uses as it is, so indexing it would only cost memory.
     */
    private static boolean named(QueueMember m) {
        return !m.name().isEmpty() && m.name().indexOf('/') < 0;
    }

    private static TreeMap<String, QueueMember> copy(SortedMap<String, QueueMember> queues) {
        return queues == null ? new TreeMap<>() : new TreeMap<>(queues);
    }

    /** Removes one membership; returns whether it existed. */
    public boolean remove(String queue, String iface) {
        synchronized (writeLock) {
            String k = key(iface);
            Map<String, QueueMember> members = byQueue.get(queue);
            QueueMember old = members == null ? null : members.remove(k);
            if (old == null) {
                return false;
            }
            TreeMap<String, QueueMember> queues = copy(byInterface.get(k));
            queues.remove(queue);
            if (queues.isEmpty()) {
                byInterface.remove(k);
                byExtension.remove(resourceOf(old.iface()), old.iface());
            } else {
                byInterface.put(k, Collections.unmodifiableSortedMap(queues));
            }
            forgetName(old, queues);
            return true;
        }
    }

    /**
     * Drops the name index entry of a membership that went (or was renamed) unless the interface
     * still answers to that name: Asterisk's member name is per queue, so one interface may have several.
     */
    private void forgetName(QueueMember gone, Map<String, QueueMember> remaining) {
        String name = gone.name();
        boolean stillUsed = remaining.values().stream().anyMatch(m -> m.name().equals(name))
                || (!remaining.isEmpty() && name.equals(resourceOf(gone.iface())));
        if (named(gone) && !stillUsed) {
            byExtension.remove(name, gone.iface());
        }
    }

    /** Records a pause change; returns false when the interface is not in that queue. */
    public boolean updatePause(String queue, String iface, boolean paused, String reason, long at) {
        synchronized (writeLock) {
            Map<String, QueueMember> queues = byInterface.get(key(iface));
            QueueMember old = queues == null ? null : queues.get(queue);
            if (old == null) {
                return false;
            }
            put(old.withPause(paused, reason, at));
            return true;
        }
    }

    /**
     * Replaces {@code expected} with {@code replacement} only while the view still holds that very
     * instance (compared by identity), so a change made from outside the view's own writer can
     * never overwrite a newer state; returns whether it replaced.
     */
    public boolean replaceIf(QueueMember expected, QueueMember replacement) {
        if (!expected.queue().equals(replacement.queue()) || !key(expected.iface()).equals(key(replacement.iface()))) {
            throw new IllegalArgumentException("replacement must be the same membership: " + expected.queue() + "/"
                    + expected.iface() + " vs " + replacement.queue() + "/" + replacement.iface());
        }
        synchronized (writeLock) {
            Map<String, QueueMember> queues = byInterface.get(key(expected.iface()));
            if (queues == null || queues.get(expected.queue()) != expected) {
                return false;
            }
            put(replacement);
            return true;
        }
    }

    /** Interfaces (configured spelling, sorted) whose extension or member name is exactly {@code extension}. */
    public List<String> interfacesFor(String extension) {
        return byExtension.get(extension);
    }

    /** The memberships of one interface, keyed and sorted by queue (empty when it is in no queue); immutable. */
    public Map<String, QueueMember> membershipsOf(String iface) {
        Map<String, QueueMember> queues = byInterface.get(key(iface));
        return queues == null ? Map.of() : queues;
    }

    /** Whether the queue exists. */
    public boolean hasQueue(String queue) {
        return byQueue.containsKey(queue);
    }

    /** Every queue with its members sorted by interface, for the read side. */
    public Map<String, List<QueueMember>> snapshot() {
        Map<String, List<QueueMember>> out = new TreeMap<>();
        byQueue.forEach((queue, members) -> {
            List<QueueMember> list = new ArrayList<>(members.values());
            list.sort(Comparator.comparing(QueueMember::iface));
            out.put(queue, list);
        });
        return out;
    }

    /** Number of memberships (an interface in two queues counts twice). */
    public int size() {
        int n = 0;
        for (Map<String, QueueMember> members : byQueue.values()) {
            n += members.size();
        }
        return n;
    }

    /** Names of all known queues. */
    public Collection<String> queueNames() {
        return List.copyOf(byQueue.keySet());
    }
}
