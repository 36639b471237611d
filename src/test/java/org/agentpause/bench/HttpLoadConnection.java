package org.agentpause.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/** One keep-alive load connection: one request in flight, alternately pausing and unpausing its member. */
final class HttpLoadConnection extends SimpleChannelInboundHandler<FullHttpResponse> {

    private static final String PATH = "/coocenter-api/queues/agent-pause";

    private final String host;
    private final String token;
    private final String queue;
    private final String member;
    private final HttpLoad.Phase phase;
    private final Histogram histogram = LoadResult.newHistogram();
    private final int port;
    private volatile Channel channel;
    private volatile boolean inFlight;
    private boolean pause = true;
    private long sentAt;
    private long measuredOps;
    private volatile long errors;

    HttpLoadConnection(String host, int port, String token, String queue, String member, HttpLoad.Phase phase) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.queue = queue;
        this.member = member;
        this.phase = phase;
    }

    void attach(Channel ch) {
        channel = ch;
    }

    void sendNext() {
        if (phase.stopping || !channel.isActive()) {
            inFlight = false;
            return;
        }
        byte[] body = ("member=" + member + "&queue=" + queue + "&state=" + (pause ? "on" : "off"))
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, PATH, content);
        req.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                .set("Authentication", token)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        inFlight = true;
        sentAt = System.nanoTime();
        channel.writeAndFlush(req);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
        long now = System.nanoTime();
        String expected = pause ? "Interface paused successfully" : "Interface unpaused successfully";
        boolean ok = res.status().code() == 200 && res.content().toString(StandardCharsets.UTF_8).contains(expected);
        if (sentAt >= phase.measureFrom && now <= phase.measureUntil) {
            histogram.recordValue(Math.min(now - sentAt, histogram.getHighestTrackableValue()));
            measuredOps++;
        }
        if (!ok) {
            errors++;
        }
        pause = !pause;
        sendNext();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inFlight) {
            // The server closed with our request unanswered: that request had no outcome.
            errors++;
            inFlight = false;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    boolean inFlight() {
        return inFlight;
    }

    /** Counts a request that never got a reply within the drain deadline as an error. */
    void abandon() {
        errors++;
        inFlight = false;
    }

    Histogram histogram() {
        return histogram;
    }

    long measuredOps() {
        return measuredOps;
    }

    long errors() {
        return errors;
    }

    void close() {
        channel.close().syncUninterruptibly();
    }
}
