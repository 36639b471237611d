package org.agentpause.pause;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialise read-modify-write operations per agent. A fixed stripe count
 * bounds memory however many members exist; two agents sharing a stripe merely wait for each other.
 * Several stripes are always taken in ascending order, so two requests can never deadlock.
 */
final class MemberLocks {

    /** Stripes held together; {@link #close()} releases them. */
    static final class Held implements AutoCloseable {
        private final SortedSet<Integer> indexes;
        private final List<ReentrantLock> locks;

        private Held(SortedSet<Integer> indexes, List<ReentrantLock> locks) {
            this.indexes = indexes;
            this.locks = locks;
        }

        boolean covers(SortedSet<Integer> needed) {
            return indexes.containsAll(needed);
        }

        @Override
        public void close() {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
        }
    }

    private final ReentrantLock[] stripes;

    MemberLocks(int stripeCount) {
        stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            // Fair, so presses for one agent apply in the order they arrived.
            stripes[i] = new ReentrantLock(true);
        }
    }

    SortedSet<Integer> stripesFor(Collection<String> keys) {
        SortedSet<Integer> out = new TreeSet<>();
        for (String key : keys) {
            out.add(Math.floorMod(key.hashCode() * 0x9E3779B9, stripes.length));
        }
        return out;
    }

    /** Takes every stripe in {@code indexes} by {@code deadlineNanos}, or none (returns null). */
    Held acquire(SortedSet<Integer> indexes, long deadlineNanos) throws InterruptedException {
        List<ReentrantLock> taken = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            ReentrantLock lock = stripes[index];
            if (!lock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                new Held(indexes, taken).close();
                return null;
            }
            taken.add(lock);
        }
        return new Held(indexes, taken);
    }
}
