package org.agentpause.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive whole within the deadline, counted from
 * its first byte. A read timeout alone would let a client trickle one byte at a time forever.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {

    static final String NAME = "request-deadline";
    private final long deadlineMs;
    private ScheduledFuture<?> pending;

    RequestDeadlineHandler(long deadlineMs) {
        this.deadlineMs = deadlineMs;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pending == null) {
            pending = ctx.executor().schedule(() -> {
                ctx.close();
            }, deadlineMs, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** Called when a whole request has been decoded: the clock stops until the next byte. */
    static void requestArrived(Channel channel) {
        RequestDeadlineHandler h = (RequestDeadlineHandler) channel.pipeline().get(NAME);
        if (h != null && h.pending != null) {
            h.pending.cancel(false);
            h.pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
