package org.agentpause.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.StaticToken;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.Test;

/** The handler in an EmbeddedChannel: the core runs only on the worker executor, never on the event loop. */
class ApiHandlerTest {

    private final SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
    private final Queue<Runnable> handedOff = new ArrayDeque<>();
    private final Executor capturing = handedOff::add;
    private final MemberResolver resolver = new MemberResolver(List.of("PJSIP/{member}"));
    private final EmbeddedChannel channel = new EmbeddedChannel(new ApiHandler(
            new PauseApi(new PauseService(pbx, resolver), pbx, resolver),
            new HttpAuth(new TokenAuthenticator(List.of(new StaticToken("t", "tok-0123456789abcdef")), "",
                    Clock.systemUTC())), capturing, 60_000));

    private static FullHttpRequest pause(String form) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/coocenter-api/queues/agent-pause", Unpooled.copiedBuffer(form, StandardCharsets.UTF_8));
        req.headers().set("Authentication", "tok-0123456789abcdef")
                .set("Content-Type", "application/x-www-form-urlencoded");
        return req;
    }

    @Test
    void pauseIsHandedToTheWorkerPoolAndReadingStopsUntilTheReply() {
        channel.writeInbound(pause("queue=630&member=808&state=on"));
        assertNull(channel.readOutbound(), "replied before the core ran");
        assertEquals(0, pbx.actionsApplied(), "the core ran on the event loop");
        assertEquals(1, handedOff.size());
        assertEquals(false, channel.config().isAutoRead(), "a second request could overtake the first");

        handedOff.poll().run();
        channel.runPendingTasks();
        FullHttpResponse res = channel.readOutbound();
        assertEquals(200, res.status().code());
        assertEquals("{\"status\":\"success\",\"message\":\"Interface paused successfully\"}",
                res.content().toString(StandardCharsets.UTF_8));
        res.release();
        assertEquals(1, pbx.actionsApplied());
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void aRequestThatWaitedTooLongForAWorkerIsRefusedUnexecuted() {
        EmbeddedChannel late = new EmbeddedChannel(new ApiHandler(
                new PauseApi(new PauseService(pbx, resolver), pbx, resolver),
                new HttpAuth(new TokenAuthenticator(List.of(new StaticToken("t", "tok-0123456789abcdef")), "",
                        Clock.systemUTC())), capturing, 0));
        late.writeInbound(pause("queue=630&member=808&state=on"));
        Runnable queued = handedOff.poll();
        long start = System.nanoTime();
        while (System.nanoTime() == start) {
            Thread.onSpinWait(); // any measurable wait exceeds a 0 ms limit
        }
        queued.run();
        late.runPendingTasks();
        FullHttpResponse res = late.readOutbound();
        assertEquals(503, res.status().code());
        assertTrue(res.content().toString(StandardCharsets.UTF_8).contains("nothing was changed"));
        res.release();
        assertEquals(0, pbx.actionsApplied());
    }

    @Test
    void refusalsAreAnsweredWithoutTouchingTheWorkers() {
        FullHttpRequest noToken = pause("queue=630&member=808&state=on");
        noToken.headers().remove("Authentication");
        channel.writeInbound(noToken);
        FullHttpResponse res = channel.readOutbound();
        assertEquals(401, res.status().code());
        res.release();
        assertTrue(handedOff.isEmpty());
    }

    @Test
    void aFullWorkerPoolAnswers503Busy() {
        EmbeddedChannel busy = new EmbeddedChannel(new ApiHandler(
                new PauseApi(new PauseService(pbx, resolver), pbx, resolver),
                new HttpAuth(new TokenAuthenticator(List.of(new StaticToken("t", "tok-0123456789abcdef")), "",
                        Clock.systemUTC())), r -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                }, 60_000));
        busy.writeInbound(pause("queue=630&member=808&state=on"));
        FullHttpResponse res = busy.readOutbound();
        assertEquals(503, res.status().code());
        assertTrue(res.content().toString(StandardCharsets.UTF_8).contains("Server busy"));
        res.release();
        assertEquals(0, pbx.actionsApplied());
    }
    @Test
    void anErrorInTheCoreClosesTheConnectionInsteadOfLeavingItUnread() {
        QueueBackend broken = new QueueBackend() {
            @Override
            public void start() {
            }

            @Override
            public MembershipView view() {
                return pbx.view();
            }

            @Override
            public List<String> setPaused(String iface, String queue, boolean paused, String reason) {
                throw new StackOverflowError("deep in a backend");
            }

            @Override
            public BackendHealth health() {
                return pbx.health();
            }

            @Override
            public void close() {
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(new ApiHandler(
                new PauseApi(new PauseService(broken, resolver), broken, resolver),
                new HttpAuth(new TokenAuthenticator(List.of(new StaticToken("t", "tok-0123456789abcdef")), "",
                        Clock.systemUTC())), capturing, 60_000));
        ch.writeInbound(pause("queue=630&member=808&state=on"));
        Runnable task = handedOff.poll();
        assertThrows(StackOverflowError.class, task::run);
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "a connection with reading switched off and no reply coming must be closed");
    }
}
