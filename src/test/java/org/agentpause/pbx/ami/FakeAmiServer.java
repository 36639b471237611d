package org.agentpause.pbx.ami;

import static org.agentpause.pbx.ami.AmiWire.h;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fake Asterisk Manager Interface on a loopback ephemeral port, speaking the wire protocol
 * recorded from Asterisk 22 (banner {@code Asterisk Call Manager/11.0.0}, Login plain or by MD5
 * challenge, ActionID echo, {@code QueuePause}, {@code QueueStatus}/{@code QueueSummary} event lists
 * with {@code ListItems}, {@code Ping}, {@code Logoff}) and emitting unsolicited events.
 *
 * <p>Every action received is recorded byte for byte ({@link #actions}). Fault knobs: latency
 * ({@link #setLatency}), refused login ({@link #setRefuseLogin}), dropped connections
 * ({@link #dropConnections}), silence ({@link #setSilent}), Asterisk down
 * ({@link #stopListening}/{@link #startListening}) and a wrong {@code ListItems} count
 * ({@link #setListItemsSkew}). Events made "outside" (CLI pause, QueueAdd by another client,
 * reload) come from {@link #pauseFromCli}, {@link #addMember}, {@link #removeMember},
 * {@link #announceReload}. Use with try-with-resources.
 *
 * <pre>{@code
 * try (FakeAmiServer fake = new FakeAmiServer("pauseapi", "secret").withSampleQueues()) {
 *     int port = fake.start();                        // point ami.port here
 *     fake.setLatency("QueuePause", Duration.ofMillis(5));
 *     ... drive agent-pause ...
 *     fake.actions("QueuePause");                     // exact bytes received
 *     fake.queues().isPaused("630", "PJSIP/808");     // what "Asterisk" now holds
 * }
 * }</pre>
 */
public final class FakeAmiServer implements AutoCloseable {

    /** An action as received: the connection it came on and its exact bytes. */
    public record ReceivedAction(int connection, byte[] bytes) {
        /** The bytes as text (UTF-8), CRLFs included. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The {@code Action} header's value, or "" when there is none. */
        public String name() {
            for (String line : text().split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("action")) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }
    }

    private final String username;
    private final String secret;
    private final FakeQueues queues = new FakeQueues();
    private final List<FakeAmiSession> sessions = new CopyOnWriteArrayList<>();
    private final List<ReceivedAction> received = new CopyOnWriteArrayList<>();
    private final Map<String, Duration> latency = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final ThreadLocal<Integer> connectionOfThread = new ThreadLocal<>();
    private volatile Duration defaultLatency = Duration.ZERO;
    private volatile boolean refuseLogin;
    private volatile boolean silent;
    private volatile int listItemsSkew;
    private volatile boolean eventsMuted;
    private volatile ServerSocket listener;
    private volatile int port;

    /** A server accepting this one AMI user; call {@link #start} to listen. */
    public FakeAmiServer(String username, String secret) {
        this.username = username;
        this.secret = secret;
    }

    /** Adds the transcripts' queues: 630 (PJSIP/808, PJSIP/809, Local/810@from-queue/n), 631 (PJSIP/808), 632 (Local/811@from-queue/n). */
    public FakeAmiServer withSampleQueues() {
        // Same order and ringinuse settings as the recorded queues.conf (630 has ringinuse = no).
        queues.add("630", "Local/810@from-queue/n", "Agent 810", "PJSIP/810", false, false);
        queues.add("630", "PJSIP/809", "Agent 809", null, false, false);
        queues.add("630", "PJSIP/808", "Agent 808", null, false, false);
        queues.add("631", "PJSIP/808", "Agent 808", null, false, true);
        queues.add("632", "Local/811@from-queue/n", "Agent 811", "Custom:811", false, true);
        return this;
    }

    /**
     * Adds {@code queueCount} queues {@code q1..qN}, each holding the same {@code membersPerQueue}
     * agents {@code PJSIP/1000, PJSIP/1001, ...}: every agent is in every queue, the worst case for
     * "pause in all queues" and for loading (no events; as if configured in queues.conf).
     */
    public FakeAmiServer withGeneratedQueues(int queueCount, int membersPerQueue) {
        for (int q = 1; q <= queueCount; q++) {
            queues.addQueue("q" + q);
            for (int m = 0; m < membersPerQueue; m++) {
                queues.add("q" + q, "PJSIP/" + (1000 + m), "Agent " + (1000 + m), null, false, true);
            }
        }
        return this;
    }

    /** Listens on 127.0.0.1, an ephemeral port; returns the port. */
    public int start() throws IOException {
        return listen(0);
    }

    /** The port listened on (stable across {@link #stopListening}/{@link #startListening}). */
    public int port() {
        return port;
    }

    private synchronized int listen(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        listener = s;
        port = s.getLocalPort();
        Thread t = new Thread(() -> acceptLoop(s), "fake-ami-accept-" + port);
        t.setDaemon(true);
        t.start();
        return port;
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                client.setTcpNoDelay(true);
                int n = connections.incrementAndGet();
                FakeAmiSession session = new FakeAmiSession(this, client);
                sessions.add(session);
                Thread t = new Thread(() -> {
                    connectionOfThread.set(n);
                    session.run();
                }, "fake-ami-session-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    /** Asterisk goes down: stop listening (connections are refused) and drop every connection. */
    public synchronized void stopListening() throws IOException {
        ServerSocket s = listener;
        if (s != null) {
            s.close();
        }
        dropConnections();
    }

    /** Asterisk comes back on the same port. */
    public synchronized void startListening() throws IOException {
        if (listener == null || listener.isClosed()) {
            listen(port);
        }
    }

    /** Closes every open client connection now (the listener stays up, so clients can reconnect). */
    public void dropConnections() {
        for (FakeAmiSession s : sessions) {
            s.close();
        }
    }

    // ---- knobs -------------------------------------------------------------------------------

    /** Every action waits this long before it is answered. */
    public void setLatency(Duration d) {
        defaultLatency = d;
    }

    /** Actions named {@code action} (e.g. {@code QueuePause}) wait this long before they are answered. */
    public void setLatency(String action, Duration d) {
        latency.put(action.toLowerCase(Locale.ROOT), d);
    }

    /** While true, every login answers {@code Authentication failed} and the connection closes. */
    public void setRefuseLogin(boolean value) {
        refuseLogin = value;
    }

    /** While true, actions are recorded but never answered (the banner is still sent). */
    public void setSilent(boolean value) {
        silent = value;
    }

    /** While true, no unsolicited event is sent (list answers still are), as if events were lost. */
    public void setEventsMuted(boolean value) {
        eventsMuted = value;
    }

    /** Adds this to every {@code ListItems} announced, as if the client had lost list events. */
    public void setListItemsSkew(int value) {
        listItemsSkew = value;
    }

    // ---- the PBX seen from outside --------------------------------------------------------------

    /** The queue model (to inspect pause state or declare queues silently). */
    public FakeQueues queues() {
        return queues;
    }

    /** Adds a member silently, as a {@code queue reload} with a new static member does. */
    public void addMemberSilently(String queue, String iface, String name) {
        queues.add(queue, iface, name, null, false, true);
    }

    /** Adds a dynamic member and emits {@code QueueMemberAdded}, as another client's QueueAdd does. */
    public void addMember(String queue, String iface, String name) {
        queues.addQueue(queue);
        announceAdded(queues.queueAdd(queue, iface, name, null, 0, false, null));
    }

    /** Removes a member and emits {@code QueueMemberRemoved}; returns whether it was there. */
    public boolean removeMember(String queue, String iface) {
        FakeQueues.Member m = queues.remove(queue, iface);
        if (m != null) {
            announceRemoved(m);
        }
        return m != null;
    }

    void announceAdded(FakeQueues.Member m) {
        if (m.paused) {
            broadcast("call", List.of(h("Event", "DeviceStateChange"), h("Privilege", "call,all"),
                    h("Device", "Queue:" + m.queue + "_pause_" + m.iface), h("State", "INUSE")));
        }
        broadcast("agent", memberEvent("QueueMemberAdded", m, m.reason));
    }

    void announceRemoved(FakeQueues.Member m) {
        broadcast("agent", memberEvent("QueueMemberRemoved", m, m.reason));
    }

    /** Pauses or unpauses as {@code queue pause member} on the CLI would, emitting the events; returns the queues changed. */
    public List<String> pauseFromCli(String iface, String queue, boolean paused, String reason) {
        List<String> changed = new ArrayList<>();
        for (FakeQueues.Member m : queues.pause(iface, queue, paused, reason)) {
            announcePause(m, reason == null ? "" : FakeQueues.truncate(reason));
            changed.add(m.queue);
        }
        return changed;
    }

    /** Emits {@code Event: Reload} for a module, as {@code module reload app_queue.so} does. */
    public void announceReload(String module) {
        broadcast("system", List.of(h("Event", "Reload"), h("Privilege", "system,all"), h("Module", module),
                h("Status", "Success")));
    }

    /** Sends a raw event to every logged-in connection whose mask admits {@code eventClass}. */
    public void broadcast(String eventClass, List<String[]> headers) {
        for (FakeAmiSession s : sessions) {
            s.sendEvent(eventClass, headers);
        }
    }

    void announcePause(FakeQueues.Member m, String shownReason) {
        if (m.stateChanged) {
            broadcast("call", List.of(h("Event", "DeviceStateChange"), h("Privilege", "call,all"),
                    h("Device", "Queue:" + m.queue + "_pause_" + m.iface), h("State", m.paused ? "INUSE" : "NOT_INUSE")));
        }
        broadcast("agent", memberEvent("QueueMemberPause", m, shownReason));
    }

    private static List<String[]> memberEvent(String name, FakeQueues.Member m, String shownReason) {
        List<String[]> headers = new ArrayList<>();
        headers.add(h("Event", name));
        headers.add(h("Privilege", "agent,all"));
        headers.addAll(m.eventHeaders(shownReason));
        return headers;
    }

    // ---- what was received ----------------------------------------------------------------------

    /** Every action received so far, in order, across connections. */
    public List<ReceivedAction> actions() {
        return List.copyOf(received);
    }

    /** The actions with this {@code Action} name (case-insensitive). */
    public List<ReceivedAction> actions(String name) {
        return received.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
    }

    /** Forgets the actions received so far. */
    public void clearActions() {
        received.clear();
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Waits until an action matching {@code test} has arrived; returns it or null at the deadline. */
    public ReceivedAction awaitAction(Predicate<ReceivedAction> test, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        do {
            for (ReceivedAction a : received) {
                if (test.test(a)) {
                    return a;
                }
            }
            TimeUnit.MILLISECONDS.sleep(5);
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() throws IOException {
        stopListening();
    }

    // ---- used by sessions ------------------------------------------------------------------------

    String username() {
        return username;
    }

    String secret() {
        return secret;
    }

    boolean refusesLogin() {
        return refuseLogin;
    }

    boolean silent() {
        return silent;
    }

    boolean eventsMuted() {
        return eventsMuted;
    }

    int announcedItems(int real) {
        return real + listItemsSkew;
    }

    void record(AmiWire.Message m) {
        Integer n = connectionOfThread.get();
        received.add(new ReceivedAction(n == null ? 0 : n, m.raw()));
    }

    void loggedIn() {
        logins.incrementAndGet();
    }

    void ended(FakeAmiSession s) {
        sessions.remove(s);
    }

    void delay(String action) {
        Duration d = action == null ? defaultLatency
                : latency.getOrDefault(action.toLowerCase(Locale.ROOT), defaultLatency);
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis()); // simulated Asterisk latency, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Names of the actions received, in order (handy in assertion messages). */
    public List<String> actionNames() {
        return received.stream().map(ReceivedAction::name).toList();
    }

}
