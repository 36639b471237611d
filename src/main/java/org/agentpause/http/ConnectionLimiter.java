package org.agentpause.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agentpause.ThrottledWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses connections beyond {@code http.max-connections} at once, closing them immediately. */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    /** One line per refused connection would turn a connection flood into a log flood. */
    private final ThrottledWarning refused = new ThrottledWarning(log, 10, TimeUnit.SECONDS);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("agentpause.counted");
    private final AtomicInteger open = new AtomicInteger();
    private final int max;

    ConnectionLimiter(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.warn("refusing connection from {}: {} connections already open (http.max-connections)",
                    ctx.channel().remoteAddress(), max);
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    int open() {
        return open.get();
    }
}
