package org.agentpause.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP door: binds, serves through {@link HttpInitializer}, and stops accepting on {@link #close}. */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final HttpSettings settings;
    private final HttpInitializer initializer;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private Channel channel;

    /**
     * @param workers the bounded pool that runs the pause core; owned and shut down by the caller
     */
    public HttpServer(HttpSettings settings, PauseApi api, TokenAuthenticator authenticator, Executor workers)
            throws SSLException {
        this.settings = settings;
        SslContext ssl = settings.tlsCert() == null ? null
                : SslContextBuilder.forServer(settings.tlsCert().toFile(), settings.tlsKey().toFile()).build();
        this.initializer = new HttpInitializer(settings, ssl, new ConnectionLimiter(settings.maxConnections()),
                new ApiHandler(api, new HttpAuth(authenticator), workers, settings.requestTimeoutMs()));
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-accept"),
                NioIoHandler.newFactory());
        this.io = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("http-io"), NioIoHandler.newFactory());
    }

    /** Binds and returns the port actually bound (useful with port 0). */
    public int start() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(settings.bind(), settings.port()).sync().channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("HTTP door listening on {}://{}:{}", settings.tlsCert() == null ? "http" : "https",
                settings.bind(), port);
        return port;
    }

    /** Stops accepting new connections; open ones keep being served until {@link #close}. */
    public void stopAccepting() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    /** Stops accepting, then closes connections once queued replies are written. */
    @Override
    public void close() {
        try {
            stopAccepting();
        } finally {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            io.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
