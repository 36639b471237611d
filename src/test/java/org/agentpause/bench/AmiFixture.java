package org.agentpause.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.pbx.ami.FakeAmiServer;

/**
 * A loopback fake Asterisk (the tests' {@link FakeAmiServer}) shaped for a benchmark: a PBX of
 * a given size and a per-action latency. The fake answers one session's actions one after
 * another, as Asterisk's per-session manager thread does.
 */
final class AmiFixture implements AutoCloseable {

    static final String USER = "bench";
    static final String SECRET = "bench-secret-0123456789";

    final FakeAmiServer fake = new FakeAmiServer(USER, SECRET);
    /** Where clients connect: the fake itself, or the latency proxy in front of it. */
    int port;
    private LatencyProxy proxy;
    /** The fake records every action in a copy-on-write list; a long run must keep it short. */
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Threads.named("bench-ami-sweeper", true));

    private AmiFixture() throws IOException {
        port = fake.start();
        sweeper.scheduleWithFixedDelay(fake::clearActions, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** One queue {@code bench} holding the HTTP load's members ({@code PJSIP/2000}, ...). */
    static AmiFixture benchQueue(int members, long latencyMicros) throws IOException {
        AmiFixture f = new AmiFixture();
        for (String ext : HttpBench.members(members)) {
            f.fake.addMemberSilently(HttpBench.QUEUE, "PJSIP/" + ext, "Agent " + ext);
        }
        f.fake.setLatency(Duration.ofNanos(latencyMicros * 1000));
        return f;
    }

    /** {@code queues × members} memberships, every one a distinct agent, as the scale section builds. */
    static AmiFixture sized(int queues, int members, long latencyMicros) throws IOException {
        AmiFixture f = new AmiFixture();
        int index = 0;
        for (int q = 0; q < queues; q++) {
            String queue = ScaleBench.queueName(q);
            for (int m = 0; m < members; m++) {
                String agent = ScaleBench.agent(index++);
                f.fake.addMemberSilently(queue, "PJSIP/" + agent, "Agent " + agent);
            }
        }
        f.fake.setLatency(Duration.ofNanos(latencyMicros * 1000));
        return f;
    }

    /** Puts a proxy adding {@code roundTripMicros} of network round trip in front of the fake (0: none). */
    AmiFixture withRoundTrip(long roundTripMicros) throws InterruptedException {
        if (roundTripMicros > 0) {
            proxy = new LatencyProxy(fake.port(), roundTripMicros);
            port = proxy.port();
        }
        return this;
    }

    /** Server properties selecting the AMI backend pointed at this fake. */
    Map<String, String> backendProps() {
        return Map.of("pbx.backend", "ami", "ami.host", "127.0.0.1", "ami.port", Integer.toString(port),
                "ami.username", USER, "ami.secret", SECRET, "ami.timeout-ms", "30000", "ami.resync-s", "0");
    }

    @Override
    public void close() throws IOException {
        sweeper.shutdownNow();
        if (proxy != null) {
            proxy.close();
        }
        fake.close();
    }
}
