package org.agentpause.agi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One accepted FastAGI connection for asterisk-java's reader and writer: LF-terminated lines,
 * a read timeout, and a cap on line length so a peer cannot make us buffer without end.
 *
 * <p>Lines are cut out of a plain byte buffer filled a chunk at a time: reading byte by byte
 * through a synchronized {@code BufferedInputStream} into a {@code ByteArrayOutputStream} was a
 * fifth of the FastAGI door's CPU under load (BENCHMARKS.md). asterisk-java reads one connection
 * from one thread at a time, so the buffer needs no lock.
 */
final class AgiSocket implements SocketConnectionFacade {

    /** Far above any real AGI line (Asterisk's own limit for one command is 2 KB). */
    static final int MAX_LINE_BYTES = 8192;
    /**
     * asterisk-java keeps every environment line until the blank line that ends it, so a peer
     * that never sends that line (but never goes silent either) would grow memory without end.
     * Asterisk sends about 20 lines plus one per dialplan argument.
     */
    static final int MAX_ENVIRONMENT_LINES = 256;
    static final int MAX_ENVIRONMENT_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private boolean environmentRead;
    private int environmentLines;
    private int environmentBytes;

    AgiSocket(Socket socket, int readTimeoutMs) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The next line without its LF; {@code null} at end of stream, as asterisk-java's reader expects. */
    @Override
    public String readLine() throws IOException {
        String text = readOneLine();
        if (!environmentRead && text != null) {
            if (text.isEmpty()) {
                environmentRead = true;
            } else if (++environmentLines > MAX_ENVIRONMENT_LINES
                    || (environmentBytes += text.length()) > MAX_ENVIRONMENT_BYTES) {
                throw new IOException("FastAGI environment longer than " + MAX_ENVIRONMENT_LINES + " lines or "
                        + MAX_ENVIRONMENT_BYTES + " bytes");
            }
        }
        return text;
    }

    private String readOneLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return length == 0 ? null : new String(line, 0, length, StandardCharsets.UTF_8);
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (length >= MAX_LINE_BYTES) {
                throw new IOException("FastAGI line longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
            }
            line[length++] = b;
        }
    }

    @Override
    public synchronized void write(String s) {
        pending.append(s);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        pending.setLength(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
