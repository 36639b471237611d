package org.agentpause.reliability;

import org.quicktheories.QuickTheory;

/**
 * The size knob of the reliability suite: bounded by default, long under {@code -Dsoak=true}
 * ({@code mvn -B verify -Dsoak=true}, or {@code -Psoak}).
 */
final class Soak {

    private Soak() {
    }

    static boolean on() {
        return Boolean.getBoolean("soak");
    }

    /** {@code normal} in the default run, {@code soak} under the soak flag. */
    static int scale(int normal, int soak) {
        return on() ? soak : normal;
    }

    /** Examples per fuzz property: {@code fuzz.examples} (150 by default, 10000 under soak). */
    static int examples() {
        return Integer.getInteger("fuzz.examples", 150);
    }

    /** A QuickTheories run with the suite's example count and a bounded shrink (each example is a request). */
    static QuickTheory qt() {
        return QuickTheory.qt().withExamples(examples()).withShrinkCycles(200);
    }

    static QuickTheory qt(int examples) {
        return QuickTheory.qt().withExamples(examples).withShrinkCycles(200);
    }

}
