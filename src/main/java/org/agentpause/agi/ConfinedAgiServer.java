package org.agentpause.agi;

import java.util.concurrent.ThreadPoolExecutor;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
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

    @Override
    protected void handleException(String message, Exception e) {
        // The library logs with a full stack trace; one accept failure is worth a line, not a trace.
        log.warn("{} {}", message, e.getMessage());
    }
}
