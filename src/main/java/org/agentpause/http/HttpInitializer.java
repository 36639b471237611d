package org.agentpause.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import org.agentpause.config.HttpSettings;

/** The pipeline: limits and timeouts → [TLS] → codec → aggregator with a size limit → flow control → one handler. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_INITIAL_LINE = 4096;
    /** Chunks of a chunked body; the aggregator's limit bounds their sum. */
    private static final int MAX_CHUNK_BYTES = 8192;

    private final HttpSettings settings;
    private final SslContext ssl;
    private final ConnectionLimiter limiter;
    private final ApiHandler handler;

    HttpInitializer(HttpSettings settings, SslContext ssl, ConnectionLimiter limiter, ApiHandler handler) {
        this.settings = settings;
        this.ssl = ssl;
        this.limiter = limiter;
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(limiter);
        p.addLast(new IdleTimeoutHandler(settings.idleTimeoutS()));
        // Before TLS, so a client trickling its handshake is cut off by the same deadline.
        p.addLast(RequestDeadlineHandler.NAME, new RequestDeadlineHandler(settings.requestTimeoutMs()));
        if (ssl != null) {
            p.addLast(ssl.newHandler(ch.alloc()));
        }
        p.addLast(new HttpServerCodec(MAX_INITIAL_LINE, settings.maxHeaderBytes(), MAX_CHUNK_BYTES));
        p.addLast(new BoundedAggregator(settings.maxBodyBytes()));
        // Pipelined requests already decoded from one read wait here while auto-read is off,
        // so each is answered, in order, before the next one reaches the handler.
        p.addLast(new FlowControlHandler());
        p.addLast(handler);
    }
}
