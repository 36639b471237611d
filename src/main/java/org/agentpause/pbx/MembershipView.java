package org.agentpause.pbx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory index of queue membership: who is in which queue, paused or not.
 *
 * <p>Reads are lock-free and cost O(memberships of one interface), whatever the PBX size, so
 * resolving an agent never needs a PBX round trip. Writes take one lock so the three indexes
 * stay in step. A backend that reloads builds a fresh view and swaps it in whole, so readers
 * never see a half-loaded one.
 */
public final class MembershipView {

    /** Interfaces are matched case-insensitively, as Asterisk does; keys are lower-cased. */
    private final Map<String, Map<String, QueueMember>> byInterface = new ConcurrentHashMap<>();
    private final Map<String, Map<String, QueueMember>> byQueue = new ConcurrentHashMap<>();
    /** Extension or member name to lower-cased interfaces. */
    private final Map<String, Set<String>> byExtension = new ConcurrentHashMap<>();
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
        byQueue.computeIfAbsent(queue, q -> new ConcurrentHashMap<>());
    }

    /** Adds or replaces one membership. */
    public void put(QueueMember m) {
        synchronized (writeLock) {
            String k = key(m.iface());
            byQueue.computeIfAbsent(m.queue(), q -> new ConcurrentHashMap<>()).put(k, m);
            byInterface.computeIfAbsent(k, i -> new ConcurrentHashMap<>()).put(m.queue(), m);
            index(resourceOf(m.iface()), k);
            if (!m.name().isEmpty()) {
                index(m.name(), k);
            }
        }
    }

    private void index(String extension, String ifaceKey) {
        byExtension.computeIfAbsent(extension, e -> ConcurrentHashMap.newKeySet()).add(ifaceKey);
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
            Map<String, QueueMember> queues = byInterface.get(k);
            queues.remove(queue);
            if (queues.isEmpty()) {
                byInterface.remove(k);
                unindex(resourceOf(old.iface()), k);
                unindex(old.name(), k);
            }
            return true;
        }
    }

    private void unindex(String extension, String ifaceKey) {
        Set<String> set = byExtension.get(extension);
        if (set != null) {
            set.remove(ifaceKey);
            if (set.isEmpty()) {
                byExtension.remove(extension);
            }
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

    /** Interfaces (configured spelling) whose extension or member name is exactly {@code extension}. */
    public List<String> interfacesFor(String extension) {
        Set<String> keys = byExtension.get(extension);
        List<String> out = new ArrayList<>();
        if (keys != null) {
            for (String k : keys) {
                Map<String, QueueMember> queues = byInterface.get(k);
                if (queues != null && !queues.isEmpty()) {
                    out.add(queues.values().iterator().next().iface());
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The memberships of one interface, keyed by queue (empty when it is in no queue). */
    public Map<String, QueueMember> membershipsOf(String iface) {
        Map<String, QueueMember> queues = byInterface.get(key(iface));
        return queues == null ? Map.of() : new TreeMap<>(queues);
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
