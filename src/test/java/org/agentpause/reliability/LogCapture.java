package org.agentpause.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tees System.err and System.out (where slf4j-simple and the start-up banner write) into a buffer
 * for the duration of a block, so a test can assert what was, and was not, logged.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream oldErr = System.err;
    private final PrintStream oldOut = System.out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LogCapture() {
        System.setErr(tee(oldErr));
        System.setOut(tee(oldOut));
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (buffer) {
                    buffer.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (buffer) {
                    buffer.write(b, off, len);
                }
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }

    String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.err.flush();
        System.out.flush();
        System.setErr(oldErr);
        System.setOut(oldOut);
    }
}
