package org.agentpause.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.agentpause.pause.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stateless handler: route, authenticate, parse, then hand the work to the worker pool
 * so the event loop never runs the pause core. Reading pauses until the reply is written, which
 * keeps keep-alive replies in request order and bounds each connection to one request in flight.
 */
@Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    static final String PREFIX = "/coocenter-api/queues/";
    static final String BUSY = "Server busy: too many requests in progress; nothing was changed, retry shortly";

    private final PauseApi api;
    private final HttpAuth auth;
    private final Executor workers;
    private final long maxQueueWaitNanos;
    /** Requests handed to the workers and not yet answered; shown by /healthz. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param maxQueueWaitMs a request that waited longer than this for a worker is answered 503
     *                       unexecuted: its client has likely given up, and a late change would surprise it
     */
    ApiHandler(PauseApi api, HttpAuth auth, Executor workers, long maxQueueWaitMs) {
        this.api = api;
        this.auth = auth;
        this.workers = workers;
        this.maxQueueWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueWaitMs);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        RequestDeadlineHandler.requestArrived(ctx.channel());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            Throwable cause = req.decoderResult().cause();
            sendError(ctx, false, cause instanceof TooLongFrameException ? 431 : 400,
                    cause instanceof TooLongFrameException ? "Request line or headers too large"
                            : "Malformed HTTP request");
            return;
        }
        String path = req.uri().split("\\?", 2)[0];
        if (path.equals("/healthz")) {
            send(ctx, keepAlive, api.health(inFlight.get()));
            return;
        }
        String route = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Supplier<ApiReply> work;
        Map<String, String> fields;
        HttpMethod method = req.method();
        switch (route) {
            case "agent-pause" -> {
                if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET)) {
                    sendError(ctx, keepAlive, 405, "Method not allowed: use POST (or GET)");
                    return;
                }
            }
            case "queue-info", "agent-status" -> {
                if (!method.equals(HttpMethod.GET)) {
                    sendError(ctx, keepAlive, 405, "Method not allowed: use GET");
                    return;
                }
            }
            default -> {
                sendError(ctx, keepAlive, 404, "Not found: no such path");
                return;
            }
        }
        HttpAuth.Result who = auth.check(req.headers());
        if (who.actor() == null) {
            sendError(ctx, keepAlive, 401, who.problem());
            return;
        }
        try {
            fields = RequestFields.parse(req);
        } catch (RequestFields.BadRequest e) {
            sendError(ctx, keepAlive, e.status, e.getMessage());
            return;
        }
        work = switch (route) {
            case "agent-pause" -> () -> api.pause(fields, who.actor());
            case "queue-info" -> () -> api.queueInfo(fields);
            default -> () -> api.agentStatus(fields);
        };
        dispatch(ctx, keepAlive, work);
    }

    private void dispatch(ChannelHandlerContext ctx, boolean keepAlive, Supplier<ApiReply> work) {
        ctx.channel().config().setAutoRead(false);
        long queuedAt = System.nanoTime();
        inFlight.incrementAndGet();
        try {
            IdleTimeoutHandler.working(ctx.channel());
            workers.execute(() -> {
                boolean answered = false;
                try {
                    ApiReply reply = System.nanoTime() - queuedAt > maxQueueWaitNanos
                            ? ApiReply.of(503, BUSY) : run(work);
                    IdleTimeoutHandler.done(ctx.channel());
                    send(ctx, keepAlive, reply);
                    answered = true;
                } finally {
                    if (!answered) {
                        // An Error escaped (run() answers every exception): with auto-read off
                        // and the idle timer paused, the connection would otherwise hang forever.
                        ctx.close();
                    }
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            IdleTimeoutHandler.done(ctx.channel());
            inFlight.decrementAndGet();
            sendError(ctx, keepAlive, 503, BUSY);
        }
    }

    private static ApiReply run(Supplier<ApiReply> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("unexpected failure handling a request", e);
            return ApiReply.of(Outcome.ERROR.httpStatus(), Outcome.ERROR.message());
        }
    }

    private static void sendError(ChannelHandlerContext ctx, boolean keepAlive, int status, String message) {
        send(ctx, keepAlive, ApiReply.of(status, message));
    }

    /** The one write path; safe from any thread (Netty hops to the channel's event loop). */
    static void send(ChannelHandlerContext ctx, boolean keepAlive, ApiReply reply) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.status() == 401) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        if (reply.status() == 405) {
            // Only agent-pause takes POST; the message says which methods fit.
            res.headers().set(HttpHeaderNames.ALLOW, reply.message().contains("POST") ? "GET, POST" : "GET");
        }
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res).addListener((ChannelFutureListener) f -> f.channel().config().setAutoRead(true));
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            log.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
