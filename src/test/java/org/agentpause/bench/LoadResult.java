package org.agentpause.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one measured load phase produced: completed operations, errors, the measured wall time
 * and the latency histogram (nanoseconds).
 */
record LoadResult(long ops, long errors, long elapsedNanos, Histogram latency) {

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

    static String rate(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
