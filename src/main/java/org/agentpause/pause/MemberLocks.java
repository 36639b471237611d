package org.agentpause.pause;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialise read-modify-write operations per agent. A fixed stripe count
 * bounds memory however many members exist; two agents sharing a stripe merely wait for each other.
 */
final class MemberLocks {

    private final ReentrantLock[] stripes;

    MemberLocks(int stripeCount) {
        stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            // Fair, so presses for one agent apply in the order they arrived.
            stripes[i] = new ReentrantLock(true);
        }
    }

    ReentrantLock forKey(String key) {
        return stripes[Math.floorMod(key.hashCode() * 0x9E3779B9, stripes.length)];
    }
}
