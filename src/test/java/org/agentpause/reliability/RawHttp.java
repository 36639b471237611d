package org.agentpause.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket: it sends whatever bytes it is given
 * (malformed, split, pipelined) and reads replies framed by Content-Length, which the door always sets.
 * A read that times out is reported as a hang, so no test can wait forever.
 */
final class RawHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One reply; {@code json} is null when the body is not JSON. */
    record Reply(int status, Map<String, String> headers, byte[] body, JsonNode json) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String message() {
            return json == null || json.get("message") == null ? "" : json.get("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server closed the connection instead of replying, or did not reply in time. */
    static final class NoReply extends IOException {
        final boolean hang;

        NoReply(String message, boolean hang) {
            super(message);
            this.hang = hang;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port, int timeoutMs) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(timeoutMs);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one request on a fresh connection and reads one reply. */
    static Reply exchange(int port, byte[] request) throws IOException {
        try (RawHttp c = new RawHttp(port, 5000)) {
            c.send(request);
            return c.read();
        }
    }

    static Reply exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    Socket socket() {
        return socket;
    }

    /** Reads one reply, or throws {@link NoReply} on close or timeout. */
    Reply read() throws IOException {
        try {
            String head = readHead();
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new NoReply("connection closed inside a reply body", false);
            }
            return new Reply(Integer.parseInt(statusLine[1]), headers, body, parseJson(body));
        } catch (SocketTimeoutException e) {
            throw new NoReply("no reply within " + socket.getSoTimeout() + " ms", true);
        }
    }

    /** True when the server has closed the connection (EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new NoReply(head.size() == 0 ? "connection closed without a reply"
                        : "connection closed inside a reply head", false);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
