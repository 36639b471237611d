package org.agentpause.agi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One accepted FastAGI connection for asterisk-java's reader and writer: LF-terminated lines,
 * a read timeout, and a cap on line length so a peer cannot make us buffer without end.
 */
final class AgiSocket implements SocketConnectionFacade {

    /** Far above any real AGI line (Asterisk's own limit for one command is 2 KB). */
    static final int MAX_LINE_BYTES = 8192;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();

    AgiSocket(Socket socket, int readTimeoutMs) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The next line without its LF; {@code null} at end of stream, as asterisk-java's reader expects. */
    @Override
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("FastAGI line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
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
