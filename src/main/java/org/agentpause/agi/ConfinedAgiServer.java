package org.agentpause.agi;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.ThrottledWarning;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.AgiConnectionHandler;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * asterisk-java's FastAGI server with its four risky defaults replaced: our guarded socket
 * (one bind address, allow-list, our read timeout) and our bounded, named worker pool. The
 * accept loop, connection handler, request parsing and AgiChannel all remain asterisk-java's.
 */
final class ConfinedAgiServer extends DefaultAgiServer {

    private static final Logger log = LoggerFactory.getLogger(ConfinedAgiServer.class);

    private final GuardedServerSocket socket;
    private final ThreadPoolExecutor workers;
    private final ThrottledWarning busy = new ThrottledWarning(log, 10, TimeUnit.SECONDS);

    ConfinedAgiServer(MappingStrategy mapping, GuardedServerSocket socket, ThreadPoolExecutor workers) {
        super(mapping);
        this.socket = socket;
        this.workers = workers;
        // Only for the library's own "Listening on" log line; the socket is already bound.
        setAddress(socket.localAddress());
        setPort(socket.localPort());
    }

    @Override
    protected ServerSocketFacade createServerSocket() {
        return socket;
    }

    @Override
    protected ThreadPoolExecutor createPool() {
        return workers;
    }

    /**
     * A call the full pool cannot take is closed at once (the dialplan then plays its error
     * prompt), with one throttled warning: the library would log one line per refused call, so
     * an overload would also flood the log.
     */
    @Override
    protected void execute(Runnable handler) {
        try {
            super.execute(handler);
        } catch (RejectedExecutionException e) {
            busy.warn("FastAGI call refused: all {} workers busy and {} calls waiting; raise agi.threads if this"
                    + " persists", workers.getMaximumPoolSize(), workers.getQueue().size());
            if (handler instanceof AgiConnectionHandler connection) {
                connection.release(); // closes the socket; nothing was read or run
            }
        }
    }

    @Override
    protected void handleException(String message, Exception e) {
        // The library logs with a full stack trace; one accept failure is worth a line, not a trace.
        log.warn("{} {}", message, e.getMessage());
    }
}
