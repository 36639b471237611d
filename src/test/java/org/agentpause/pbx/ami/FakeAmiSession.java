package org.agentpause.pbx.ami;

import static org.agentpause.pbx.ami.AmiWire.h;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One client connection of {@link FakeAmiServer}: reads actions, answers them as Asterisk 22 does. */
final class FakeAmiSession implements Runnable {

    private static final Set<String> DENIED = Set.of("coresettings", "command", "originate", "getvar",
            "setvar", "status", "corestatus");

    private final FakeAmiServer server;
    private final Socket socket;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private volatile boolean loggedIn;
    private volatile String eventMask = "on";
    private String challenge;

    FakeAmiSession(FakeAmiServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    @Override
    public void run() {
        try (socket) {
            write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            AmiWire.Message m;
            while ((m = AmiWire.read(in)) != null) {
                server.record(m);
                if (server.silent()) {
                    continue;
                }
                server.delay(m.action());
                if (socket.isClosed() || !handle(m)) {
                    // A connection dropped while "Asterisk" was busy never gets its action applied.
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away or the test dropped us: the session simply ends.
        } finally {
            server.ended(this);
        }
    }

    /** Answers one action; false when the connection must close (Logoff, failed login). */
    private boolean handle(AmiWire.Message m) throws IOException {
        String action = m.action();
        String id = m.get("ActionID");
        if (action == null || action.isEmpty()) {
            reply(id, "Error", h("Message", "Missing action in request"));
            return true;
        }
        String a = action.toLowerCase(Locale.ROOT);
        switch (a) {
            case "challenge" -> {
                challenge = Long.toString(100_000_000L + (System.nanoTime() % 900_000_000L));
                reply(id, "Success", h("Challenge", challenge));
                return true;
            }
            case "login" -> {
                return login(m, id);
            }
            case "logoff" -> {
                reply(id, "Goodbye", h("Message", "Thanks for all the fish."));
                return false;
            }
            default -> {
                // handled below
            }
        }
        if (!loggedIn) {
            reply(id, "Error", h("Message", "Permission denied"));
            return true;
        }
        switch (a) {
            case "ping" -> reply(id, "Success", h("Ping", "Pong"),
                    h("Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0)));
            case "queuepause" -> queuePause(m, id);
            case "queuestatus" -> queueStatus(m, id);
            case "queuesummary" -> queueSummary(id);
            case "queueadd" -> queueAdd(m, id);
            case "queueremove" -> queueRemove(m, id);
            default -> reply(id, "Error", h("Message", DENIED.contains(a) ? "Permission denied"
                    : "Invalid/unknown command: " + action + ". Use Action: ListCommands to show available commands."));
        }
        return true;
    }

    private boolean login(AmiWire.Message m, String id) throws IOException {
        String user = m.get("Username");
        String secret = m.get("Secret");
        String key = m.get("Key");
        boolean ok = !server.refusesLogin() && server.username().equals(user)
                && (secret != null ? server.secret().equals(secret)
                        : key != null && challenge != null && key.equalsIgnoreCase(md5(challenge + server.secret())));
        if (!ok) {
            reply(id, "Error", h("Message", "Authentication failed"));
            return false;
        }
        String events = m.get("Events");
        eventMask = events == null ? "on" : events.strip().toLowerCase(Locale.ROOT);
        reply(id, "Success", h("Message", "Authentication accepted"));
        loggedIn = true;
        server.loggedIn();
        sendEvent("system", List.of(h("Event", "FullyBooted"), h("Privilege", "system,all"), h("Uptime", "4"),
                h("LastReload", "4"), h("Status", "Fully Booted")));
        return true;
    }

    private void queuePause(AmiWire.Message m, String id) throws IOException {
        String iface = m.get("Interface");
        String paused = m.get("Paused");
        if (iface == null || iface.isEmpty() || paused == null || paused.isBlank()) {
            reply(id, "Error", h("Message", "Need 'Interface' and 'Paused' parameters."));
            return;
        }
        boolean pause = AmiWire.astTrue(paused);
        String reason = m.get("Reason");
        List<FakeQueues.Member> hit = server.queues().pause(iface, m.get("Queue"), pause, reason);
        if (hit.isEmpty()) {
            reply(id, "Error", h("Message", "Interface not found"));
            return;
        }
        reply(id, "Success", h("Message", pause ? "Interface paused successfully" : "Interface unpaused successfully"));
        for (FakeQueues.Member member : hit) {
            server.announcePause(member, reason == null ? "" : FakeQueues.truncate(reason));
        }
    }

    private void queueAdd(AmiWire.Message m, String id) throws IOException {
        String queue = m.get("Queue");
        String iface = m.get("Interface");
        // Not in the transcripts: app_queue's wording for a missing header, for completeness.
        if (queue == null || queue.isEmpty() || iface == null || iface.isEmpty()) {
            reply(id, "Error", h("Message", (queue == null || queue.isEmpty() ? "'Queue'" : "'Interface'")
                    + " not specified."));
            return;
        }
        String penalty = m.get("Penalty");
        String paused = m.get("Paused");
        FakeQueues.Member added;
        try {
            added = server.queues().queueAdd(queue, iface, m.get("MemberName"), m.get("StateInterface"),
                    penalty == null || penalty.isBlank() ? 0 : Integer.parseInt(penalty.strip()),
                    paused != null && AmiWire.astTrue(paused), m.get("Reason"));
        } catch (IllegalArgumentException e) {
            reply(id, "Error", h("Message", e.getMessage()));
            return;
        }
        reply(id, "Success", h("Message", "Added interface to queue"));
        server.announceAdded(added);
    }

    private void queueRemove(AmiWire.Message m, String id) throws IOException {
        FakeQueues.Member removed;
        try {
            removed = server.queues().queueRemove(String.valueOf(m.get("Queue")), String.valueOf(m.get("Interface")));
        } catch (IllegalArgumentException e) {
            reply(id, "Error", h("Message", e.getMessage()));
            return;
        }
        reply(id, "Success", h("Message", "Removed interface from queue"));
        server.announceRemoved(removed);
    }

    private void queueStatus(AmiWire.Message m, String id) throws IOException {
        String memberFilter = m.get("Member");
        reply(id, "Success", h("EventList", "start"), h("Message", "Queue status will follow"));
        int items = 0;
        for (Map.Entry<String, List<FakeQueues.Member>> q : server.queues().status(m.get("Queue")).entrySet()) {
            listItem(id, List.of(h("Event", "QueueParams"), h("Queue", q.getKey()), h("Max", "0"),
                    h("Strategy", "ringall"), h("Calls", "0"), h("Holdtime", "0"), h("TalkTime", "0"),
                    h("Completed", "0"), h("Abandoned", "0"), h("ServiceLevel", "0"),
                    h("ServicelevelPerf", "0.0"), h("ServicelevelPerf2", "0.0"), h("Weight", "0")));
            items++;
            for (FakeQueues.Member member : q.getValue()) {
                if (memberFilter == null || memberFilter.equalsIgnoreCase(member.iface)
                        || memberFilter.equals(member.name)) {
                    List<String[]> row = new ArrayList<>();
                    row.add(h("Event", "QueueMember"));
                    row.addAll(member.statusRow());
                    listItem(id, row);
                    items++;
                }
            }
        }
        complete(id, "QueueStatusComplete", server.announcedItems(items));
    }

    private void queueSummary(String id) throws IOException {
        reply(id, "Success", h("EventList", "start"), h("Message", "Queue summary will follow"));
        int items = 0;
        for (String queue : server.queues().status(null).keySet()) {
            listItem(id, List.of(h("Event", "QueueSummary"), h("Queue", queue), h("LoggedIn", "0"),
                    h("Available", "0"), h("Callers", "0"), h("HoldTime", "0"), h("TalkTime", "0"),
                    h("LongestHoldTime", "0")));
            items++;
        }
        complete(id, "QueueSummaryComplete", server.announcedItems(items));
    }

    /** A list entry ends with the ActionID, as Asterisk writes it. */
    private void listItem(String id, List<String[]> headers) throws IOException {
        List<String[]> all = new ArrayList<>(headers);
        if (id != null) {
            all.add(h("ActionID", id));
        }
        write(AmiWire.format(all));
    }

    private void complete(String id, String event, int items) throws IOException {
        List<String[]> all = new ArrayList<>();
        all.add(h("Event", event));
        if (id != null) {
            all.add(h("ActionID", id));
        }
        all.add(h("EventList", "Complete"));
        all.add(h("ListItems", Integer.toString(items)));
        write(AmiWire.format(all));
    }

    /** A response: {@code Response}, then the echoed ActionID, then the rest. */
    private void reply(String id, String response, String[]... rest) throws IOException {
        List<String[]> all = new ArrayList<>();
        all.add(h("Response", response));
        if (id != null) {
            all.add(h("ActionID", id));
        }
        all.addAll(List.of(rest));
        write(AmiWire.format(all));
    }

    /** Sends an event if this session is logged in and its {@code Events} mask lets the class through. */
    void sendEvent(String eventClass, List<String[]> headers) {
        if (!loggedIn || server.eventsMuted() || eventMask.equals("off")
                || !(eventMask.equals("on") || List.of(eventMask.split(",")).contains(eventClass))) {
            return;
        }
        try {
            write(AmiWire.format(headers));
        } catch (IOException e) {
            close();
        }
    }

    void write(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed: nothing left to release.
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
