package org.agentpause;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Named, bounded thread pools, so a thread dump says who is who and overload is refused, not queued forever. */
public final class Threads {

    private Threads() {
    }

    /** A factory naming threads {@code prefix-1}, {@code prefix-2}, ...; daemon as asked. */
    public static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    /**
     * A fixed pool with a bounded queue; when both are full, {@code execute} throws
     * {@link java.util.concurrent.RejectedExecutionException} and the caller answers "busy".
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int threads, int queueCapacity) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), named(prefix, false));
    }
}
