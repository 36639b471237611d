package org.agentpause.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/** Netty's aggregator, but an oversized body gets our JSON 413 instead of an empty one. */
final class BoundedAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest) {
            RequestDeadlineHandler.requestArrived(ctx.channel());
            // Close: the rest of the body may still be on its way and cannot be skipped safely.
            ApiHandler.send(ctx, false, ApiReply.of(413, "Request body too large: at most " + maxBytes + " bytes"));
        } else {
            ctx.close();
        }
    }
}
