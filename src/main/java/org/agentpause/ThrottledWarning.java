package org.agentpause;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that a flood could repeat thousands of times a second (refused connections): logged
 * at most once per interval, with the number of repeats folded into it, so a flood cannot fill the disk.
 */
public final class ThrottledWarning {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextDue = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledWarning(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Logs {@code format} now if the interval has passed since the last line, else counts it. */
    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long due = nextDue.get();
        if (now - due >= 0 && nextDue.compareAndSet(due, now + intervalNanos)) {
            long folded = suppressed.getAndSet(0);
            if (folded == 0) {
                log.warn(format, args);
            } else {
                Object[] withCount = Arrays.copyOf(args, args.length + 1);
                withCount[args.length] = folded;
                log.warn(format + " ({} more like this since the last such line)", withCount);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
