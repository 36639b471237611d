package org.agentpause.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: N keep-alive connections, each sending its next request as soon as the
 * previous reply arrived, each alternately pausing and unpausing its own member.
 */
final class HttpLoad {

    private final String host;
    private final int port;
    private final String token;
    private final String queue;
    private final int ioThreads;

    HttpLoad(String host, int port, String token, String queue, int ioThreads) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.queue = queue;
        this.ioThreads = ioThreads;
    }

    /**
     * Runs one phase: warm up, then measure.
     *
     * @param members member extensions, one per connection (so no two connections race on one agent)
     */
    LoadResult run(List<String> members, Duration warmup, Duration measure) throws InterruptedException {
        return run(members, warmup, measure, () -> -1);
    }

    /** As {@link #run(List, Duration, Duration)}, also reading the server's CPU time around the measured phase. */
    LoadResult run(List<String> members, Duration warmup, Duration measure, LongSupplier serverCpu)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("bench-http"),
                NioIoHandler.newFactory());
        try {
            Phase phase = new Phase();
            List<HttpLoadConnection> conns = new ArrayList<>();
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true);
            for (String member : members) {
                HttpLoadConnection c = new HttpLoadConnection(host, port, token, queue, member, phase);
                conns.add(c);
                Channel ch = b.handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel sc) {
                        sc.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), c);
                    }
                }).connect(host, port).sync().channel();
                c.attach(ch);
            }
            long t0 = System.nanoTime();
            phase.measureFrom = t0 + warmup.toNanos();
            phase.measureUntil = phase.measureFrom + measure.toNanos();
            conns.forEach(HttpLoadConnection::sendNext);
            TimeUnit.NANOSECONDS.sleep(phase.measureFrom - System.nanoTime());
            long cpu0 = serverCpu.getAsLong();
            TimeUnit.NANOSECONDS.sleep(phase.measureUntil - System.nanoTime());
            long cpu1 = serverCpu.getAsLong();
            phase.stopping = true;
            awaitIdle(conns);
            Histogram all = LoadResult.newHistogram();
            long ops = 0;
            long errors = 0;
            for (HttpLoadConnection c : conns) {
                all.add(c.histogram());
                ops += c.measuredOps();
                errors += c.errors();
                c.close();
            }
            return new LoadResult(ops, errors, measure.toNanos(), all, cpu0 < 0 ? -1 : cpu1 - cpu0);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Waits (bounded) until no connection has a request in flight. */
    private static void awaitIdle(List<HttpLoadConnection> conns) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (conns.stream().noneMatch(HttpLoadConnection::inFlight)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        conns.stream().filter(HttpLoadConnection::inFlight).forEach(HttpLoadConnection::abandon);
    }

    /** Shared clock of a run: requests completing inside [measureFrom, measureUntil] count. */
    static final class Phase {
        volatile long measureFrom;
        volatile long measureUntil;
        volatile boolean stopping;
    }
}
