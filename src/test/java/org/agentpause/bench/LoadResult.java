package org.agentpause.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one measured load phase produced: completed operations, errors, the measured wall time,
 * the latency histogram (nanoseconds) and the CPU time the server spent meanwhile (-1 if unknown).
 */
record LoadResult(long ops, long errors, long elapsedNanos, Histogram latency, long serverCpuNanos) {

    LoadResult(long ops, long errors, long elapsedNanos, Histogram latency) {
        this(ops, errors, elapsedNanos, latency, -1);
    }

    /** Server CPU microseconds per operation: robust to a busy machine, unlike throughput. */
    String cpuMicrosPerOp() {
        return serverCpuNanos < 0 || ops == 0 ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.0f", serverCpuNanos / 1e3 / ops);
    }

    /** A histogram tracking 1 µs to 60 s with three significant digits. */
    static Histogram newHistogram() {
        return new Histogram(1_000L, 60_000_000_000L, 3);
    }

    double perSecond() {
        return elapsedNanos == 0 ? 0 : ops * 1e9 / elapsedNanos;
    }

    double millisAt(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6;
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    /** Milliseconds shown as whole microseconds. */
    static String us(double millis) {
        return String.format(Locale.ROOT, "%,.0f", millis * 1000);
    }

    static String rate(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
