package org.agentpause.pbx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Extension or member name to the interfaces it stands for (configured spelling, sorted), for
 * {@link MembershipView}: each list is immutable and replaced whole, so readers need no lock.
 * Writers hold the view's write lock.
 */
final class ExtensionIndex {

    private final Map<String, List<String>> byExtension = new ConcurrentHashMap<>();

    /** The interfaces under {@code extension}, empty when none; immutable. */
    List<String> get(String extension) {
        List<String> ifaces = byExtension.get(extension);
        return ifaces == null ? List.of() : ifaces;
    }

    /** Adds {@code iface} under {@code extension}; a no-op, with no allocation, when it is there already. */
    void add(String extension, String iface) {
        List<String> old = byExtension.get(extension);
        if (old != null && indexOf(old, iface) >= 0) {
            return; // the common case (a pause re-puts the member): no allocation
        }
        List<String> next = new ArrayList<>(old == null ? List.of() : old);
        next.add(iface);
        next.sort(Comparator.naturalOrder());
        byExtension.put(extension, List.copyOf(next));
    }

    private static int indexOf(List<String> ifaces, String iface) {
        for (int i = 0; i < ifaces.size(); i++) {
            if (ifaces.get(i).equalsIgnoreCase(iface)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes {@code iface} from under {@code extension}, and the entry once it is empty. */
    void remove(String extension, String iface) {
        List<String> old = byExtension.get(extension);
        int at = old == null ? -1 : indexOf(old, iface);
        if (at < 0) {
            return;
        }
        if (old.size() == 1) {
            byExtension.remove(extension);
            return;
        }
        List<String> next = new ArrayList<>(old);
        next.remove(at);
        byExtension.put(extension, List.copyOf(next));
    }
}
