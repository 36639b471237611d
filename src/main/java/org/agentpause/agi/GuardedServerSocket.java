package org.agentpause.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.agentpause.ThrottledWarning;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket handed to asterisk-java's accept loop: bound to one address only, and
 * closing connections from sources outside the allow-list before a single byte is read.
 */
final class GuardedServerSocket implements ServerSocketFacade {

    private static final Logger log = LoggerFactory.getLogger(GuardedServerSocket.class);
    private static final int BACKLOG = 200;
    /** A source outside the allow-list reconnecting in a loop must not flood the log. */
    private final ThrottledWarning refused = new ThrottledWarning(log, 10, TimeUnit.SECONDS);
    private final ThrottledWarning acceptFailed = new ThrottledWarning(log, 10, TimeUnit.SECONDS);
    private static final long ACCEPT_RETRY_MS = 100;

    private final ServerSocket server;
    private final AllowList allow;
    private volatile int readTimeoutMs;

    /** Binds now, so a port in use fails the start instead of a background thread. */
    GuardedServerSocket(InetAddress bind, int port, AllowList allow, int readTimeoutMs) throws IOException {
        this.allow = allow;
        this.readTimeoutMs = readTimeoutMs;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), BACKLOG);
    }

    int localPort() {
        return server.getLocalPort();
    }

    InetAddress localAddress() {
        return server.getInetAddress();
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    throw e; // shutting down: the library's accept loop ends
                }
                // Out of file descriptors, say: every retry fails at once, so without a pause the
                // accept thread would spin a core and write a warning per attempt.
                acceptFailed.warn("FastAGI accept failed, retrying in {} ms: {}", ACCEPT_RETRY_MS, e.getMessage());
                pauseBeforeRetry();
                continue;
            }
            InetAddress source = s.getInetAddress();
            if (allow.allows(source)) {
                try {
                    return new AgiSocket(s, readTimeoutMs);
                } catch (IOException e) {
                    log.warn("FastAGI connection from {} failed while being set up: {}", source, e.getMessage());
                    closeQuietly(s);
                }
            } else {
                refused.warn("FastAGI connection from {} refused: not in agi.allow {}", source.getHostAddress(), allow);
                closeQuietly(s);
            }
        }
    }

    private static void pauseBeforeRetry() throws IOException {
        try {
            TimeUnit.MILLISECONDS.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("FastAGI accept loop interrupted");
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a refused FastAGI socket failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public void setSocketReadTimeout(int socketReadTimeout) {
        this.readTimeoutMs = socketReadTimeout;
    }
}
