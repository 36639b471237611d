package org.agentpause.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The usual alternatives to agent-pause, as scripts do them over a raw AMI socket: (a) connect,
 * log in, QueuePause, log off for every request; (b) FreePBX-style, on a logged-in session,
 * {@code QueueStatus} for the member then {@code QueuePause} the other way, for every press.
 * Written lean (no library, events off) so the comparison is generous to them.
 */
final class AmiScriptClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;
    private long actionId;

    private AmiScriptClient(String host, int port, String user, String secret) throws IOException {
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        readLine(); // banner: Asterisk Call Manager/11.0.0
        String r = action("Action: Login\r\nUsername: " + user + "\r\nSecret: " + secret + "\r\nEvents: off\r\n");
        if (!r.contains("Response: Success")) {
            throw new IOException("login refused: " + r);
        }
    }

    /** A logged-in session with events off. */
    static AmiScriptClient login(String host, int port, String user, String secret) throws IOException {
        return new AmiScriptClient(host, port, user, secret);
    }

    /** Pattern (a): one whole session per request. Returns whether Asterisk answered Success. */
    static boolean connectPauseLogoff(String host, int port, String user, String secret, String iface,
                                      boolean pause) throws IOException {
        try (AmiScriptClient c = login(host, port, user, secret)) {
            boolean ok = c.pause(iface, pause);
            c.logoff();
            return ok;
        }
    }

    /** Pattern (b): QueueStatus for the member, then QueuePause the other way; returns the new state or null. */
    Boolean toggle(String iface) throws IOException {
        String id = Long.toString(++actionId);
        write("Action: QueueStatus\r\nMember: " + iface + "\r\nActionID: " + id + "\r\n\r\n");
        boolean paused = false;
        while (true) {
            String msg = readMessage();
            if (msg.contains("Event: QueueMember\r\n") && msg.contains("Paused: 1\r\n")) {
                paused = true;
            }
            if (msg.contains("Event: QueueStatusComplete")) {
                break;
            }
        }
        return pause(iface, !paused) ? !paused : null;
    }

    boolean pause(String iface, boolean pause) throws IOException {
        String r = action("Action: QueuePause\r\nInterface: " + iface + "\r\nPaused: " + (pause ? "true" : "false")
                + "\r\n");
        return r.contains("Response: Success");
    }

    void logoff() throws IOException {
        action("Action: Logoff\r\n");
    }

    /** Sends one action with a fresh ActionID and returns its response (events are off). */
    private String action(String headers) throws IOException {
        write(headers + "ActionID: " + (++actionId) + "\r\n\r\n");
        return readMessage();
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One AMI message: lines up to the empty line, CRLF kept. */
    private String readMessage() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return sb.toString();
            }
            sb.append(line).append("\r\n");
        }
    }

    /** A line ending at CRLF (AMI's line end), without it. */
    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("AMI closed the connection");
            }
            if (c == '\n' && prev == '\r') {
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
