package org.agentpause.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.AttributeKey;

/**
 * Closes a connection idle for {@code http.idle-timeout-s}, but not while its own request is in
 * the pause core: reading is paused then, and a PBX slower than the idle timeout must not cost the
 * client its reply for a change that is being made.
 */
final class IdleTimeoutHandler extends ReadTimeoutHandler {

    private static final AttributeKey<Boolean> WORKING = AttributeKey.valueOf("agentpause.working");

    IdleTimeoutHandler(int seconds) {
        super(seconds);
    }

    /** The request was handed to a worker. */
    static void working(Channel channel) {
        channel.attr(WORKING).set(Boolean.TRUE);
    }

    /** The worker is done; only the reply's write remains, which the idle timeout may cut short again. */
    static void done(Channel channel) {
        channel.attr(WORKING).set(null);
    }

    @Override
    protected void readTimedOut(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(WORKING).get() == null) {
            super.readTimedOut(ctx);
        }
    }
}
