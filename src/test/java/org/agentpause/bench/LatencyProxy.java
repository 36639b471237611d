package org.agentpause.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that delays every chunk by half a round trip in each direction without
 * serialising anything, so pipelined actions overlap as they do over a real network. Models a
 * PBX on another host ({@code --ami-rtt-us}); the fake AMI behind it answers at once.
 */
final class LatencyProxy implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-rtt-proxy"),
            NioIoHandler.newFactory());
    private final Channel server;
    private final long oneWayNanos;
    private final int targetPort;
    /**
     * Chunks wait here, not in the event loop's timers: NIO selects with millisecond timeouts, which
     * would round a 0.5 ms delay up to 1 ms; one thread parking to the nanosecond keeps it honest.
     */
    private final DelayQueue<Chunk> due = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread courier;

    LatencyProxy(int targetPort, long roundTripMicros) throws InterruptedException {
        this.targetPort = targetPort;
        this.oneWayNanos = roundTripMicros * 500;
        courier = new Thread(this::deliver, "bench-rtt-courier");
        courier.setDaemon(true);
        courier.start();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new Accepted())
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** Opens the matching connection to the fake for each accepted one; stateless, so shared. */
    @Sharable
    private final class Accepted extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connect(ctx.channel());
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void connect(Channel inbound) {
        new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Delay(inbound))
                .connect(InetAddress.getLoopbackAddress(), targetPort)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        inbound.close();
                        return;
                    }
                    inbound.pipeline().addLast(new Delay(f.channel()));
                    inbound.config().setAutoRead(true);
                });
    }

    /** Forwards what one side reads to the other side, one half round trip later, in order. */
    private final class Delay extends ChannelInboundHandlerAdapter {
        private final Channel to;

        Delay(Channel to) {
            this.to = to;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            due.add(new Chunk(System.nanoTime() + oneWayNanos, sequence.incrementAndGet(), to, msg));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            due.add(new Chunk(System.nanoTime() + oneWayNanos, sequence.incrementAndGet(), to, null));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** A chunk on its way, or (msg null) the end of the stream; ordered by deadline, then arrival. */
    private record Chunk(long dueNanos, long seq, Channel to, Object msg) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Chunk c = (Chunk) o;
            int byTime = Long.compare(dueNanos, c.dueNanos);
            return byTime != 0 ? byTime : Long.compare(seq, c.seq);
        }
    }

    private void deliver() {
        try {
            while (true) {
                Chunk c = due.take();
                if (c.msg() == null) {
                    c.to().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                } else if (c.to().isActive()) {
                    c.to().writeAndFlush(c.msg());
                } else {
                    ReferenceCountUtil.release(c.msg());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the courier stops
        }
    }

    @Override
    public void close() {
        courier.interrupt();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
