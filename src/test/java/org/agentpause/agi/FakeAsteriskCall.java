package org.agentpause.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays Asterisk 22's side of one FastAGI call against a server over a real socket, byte for byte
 * as in {@code asterisk-transcripts/agi/}: it sends the {@code agi_*} environment (including
 * {@code agi_network_script} with the query string, undecoded), answers each command as Asterisk
 * does, and can hang up mid-script, after which media commands answer {@code 511} while variable
 * commands and {@code EXEC} still work. After the server ends the script it writes {@code HANGUP}
 * as Asterisk does, even on a normal end.
 *
 * <p>It plays the protocol, not app_queue: {@code EXEC} answers {@code 200 result=0} for any
 * application, and variables such as {@code PQMSTATUS} exist only if preset with {@link #variable}.
 *
 * <p>Usage: {@code FakeAsteriskCall.to("127.0.0.1", port).script("agent-pause/toggle")
 * .channel("PJSIP/808-0000001a").run()}; then read {@link AgiCallResult#variable}. One instance
 * describes one call; {@link #run} may be called again for an identical call, from any one thread
 * at a time. Instances are cheap, so benchmarks create one per call.
 */
public final class FakeAsteriskCall {

    /** Asterisk's answer to a media command on a hung-up channel (transcript 02). */
    public static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";

    private final String host;
    private final int port;
    private String script = "agent-pause/toggle";
    private String requestUrl;
    private String channel = "PJSIP/808-0000001a";
    private String callerIdNumber = "808";
    private String callerIdName = "Agent 808";
    private String context = "agent-features";
    private String extension = "*46";
    private int priority = 2;
    private String uniqueId = "1796323101.12";
    private String threadId = "140484940175040";
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> presetVariables = new LinkedHashMap<>();
    private int hangUpAfter = -1;
    private int hangUpDuring = -1;
    private int dropAfter = -1;
    private Duration timeout = Duration.ofSeconds(10);

    private FakeAsteriskCall(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A call to the FastAGI server at {@code host:port}; defaults: PJSIP/808 dialing *46 with caller ID 808. */
    public static FakeAsteriskCall to(String host, int port) {
        return new FakeAsteriskCall(host, port);
    }

    /** The path after {@code agi://host:port/}, query string included, e.g. {@code agent-pause/toggle?queue=630}. */
    public FakeAsteriskCall script(String networkScript) {
        this.script = networkScript;
        return this;
    }

    /** Overrides {@code agi_request} (default {@code agi://host:port/<script>} of the connection). */
    public FakeAsteriskCall requestUrl(String url) {
        this.requestUrl = url;
        return this;
    }

    /** The channel name, e.g. {@code PJSIP/808-0000001a}; {@code agi_type} is its technology. */
    public FakeAsteriskCall channel(String name) {
        this.channel = name;
        return this;
    }

    /** Caller ID number and name; {@code null} sends {@code unknown}, as Asterisk does. */
    public FakeAsteriskCall callerId(String number, String name) {
        this.callerIdNumber = number;
        this.callerIdName = name;
        return this;
    }

    /** Dialplan context, extension and priority of the {@code AGI()} line. */
    public FakeAsteriskCall dialplan(String ctx, String exten, int prio) {
        this.context = ctx;
        this.extension = exten;
        this.priority = prio;
        return this;
    }

    /** {@code agi_uniqueid} and {@code agi_threadid}. */
    public FakeAsteriskCall ids(String uniqueid, String threadid) {
        this.uniqueId = uniqueid;
        this.threadId = threadid;
        return this;
    }

    /** Dialplan arguments after the URL in {@code AGI(url,arg1,arg2)}: {@code agi_arg_1..n}. */
    public FakeAsteriskCall args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    /** A channel variable that exists before the call, e.g. {@code AGENTPAUSE_MEMBER} set by dialplan. */
    public FakeAsteriskCall variable(String name, String value) {
        presetVariables.put(name, value);
        return this;
    }

    /**
     * The caller hangs up once {@code answered} commands have been answered ({@code 0}: right after
     * the environment, while the script works): a spontaneous {@code HANGUP} line, as in transcript 02.
     */
    public FakeAsteriskCall hangUpAfter(int answered) {
        this.hangUpAfter = answered;
        return this;
    }

    /**
     * The caller hangs up while command number {@code n} (1-based) runs: {@code HANGUP} arrives
     * after that command and before its response, as in transcript 03.
     */
    public FakeAsteriskCall hangUpDuring(int n) {
        this.hangUpDuring = n;
        return this;
    }

    /** The TCP connection breaks (closed without HANGUP) once {@code answered} commands were answered. */
    public FakeAsteriskCall dropAfter(int answered) {
        this.dropAfter = answered;
        return this;
    }

    /** Longest wait for connect and for each server line (default 10 s). */
    public FakeAsteriskCall timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** The environment block exactly as Asterisk 22 sends it, ending with the empty line. */
    public String environment() {
        StringBuilder b = new StringBuilder();
        line(b, "network", "yes");
        line(b, "network_script", script);
        line(b, "request", requestUrl != null ? requestUrl : "agi://" + host + ":" + port + "/" + script);
        line(b, "channel", channel);
        line(b, "language", "en");
        line(b, "type", channel.contains("/") ? channel.substring(0, channel.indexOf('/')) : channel);
        line(b, "uniqueid", uniqueId);
        line(b, "version", "22.10.1");
        line(b, "callerid", callerIdNumber == null ? "unknown" : callerIdNumber);
        line(b, "calleridname", callerIdName == null ? "unknown" : callerIdName);
        line(b, "callingpres", "0");
        line(b, "callingani2", "0");
        line(b, "callington", "0");
        line(b, "callingtns", "0");
        line(b, "dnid", "unknown");
        line(b, "rdnis", "unknown");
        line(b, "context", context);
        line(b, "extension", extension);
        line(b, "priority", Integer.toString(priority));
        line(b, "enhanced", "0.0");
        line(b, "accountcode", "");
        line(b, "threadid", threadId);
        for (int i = 0; i < args.size(); i++) {
            line(b, "arg_" + (i + 1), args.get(i));
        }
        return b.append('\n').toString();
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append("agi_").append(name).append(": ").append(value).append('\n');
    }

    /**
     * Connects, plays the call to its end and returns what happened.
     *
     * @throws IOException when the server cannot be reached or falls silent beyond the timeout
     */
    public AgiCallResult run() throws IOException {
        AsteriskChannelState state = new AsteriskChannelState(channel, callerIdNumber, callerIdName, presetVariables);
        List<String> commands = new ArrayList<>();
        boolean serverClosed = false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            try {
                send(out, environment());
                if (hangUpAfter == 0) {
                    hangUp(out, state);
                }
                if (dropAfter == 0) {
                    socket.setSoLinger(true, 0);
                    return new AgiCallResult(commands, state.variables(), state.dead(), true, false);
                }
                int answered = 0;
                while (true) {
                    String line = readLfLine(in);
                    if (line == null) {
                        serverClosed = true;
                        break;
                    }
                    commands.add(line);
                    if (hangUpDuring == commands.size()) {
                        hangUp(out, state);
                    }
                    send(out, state.answer(line));
                    answered++;
                    if (hangUpAfter == answered) {
                        hangUp(out, state);
                    }
                    if (dropAfter == answered) {
                        // An abrupt close, as when the network or Asterisk goes away.
                        socket.setSoLinger(true, 0);
                        return new AgiCallResult(commands, state.variables(), state.dead(), true, false);
                    }
                }
                // Asterisk writes HANGUP even after a normal script end (AGISIGHUP defaults to on).
                send(out, "HANGUP\n");
            } catch (SocketTimeoutException e) {
                throw new IOException("FastAGI server silent for " + timeout.toMillis() + " ms after "
                        + commands.size() + " commands " + commands, e);
            } catch (SocketException e) {
                // Reset or broken pipe: the server closed on us (refused source, crash, or the final
                // HANGUP landing after its close, which real Asterisk meets too).
                serverClosed = true;
            }
        }
        return new AgiCallResult(commands, state.variables(), state.dead(), true, serverClosed);
    }

    private static void hangUp(OutputStream out, AsteriskChannelState state) throws IOException {
        state.hangUp();
        send(out, "HANGUP\n");
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** FastAGI lines end at a bare LF; a CR is part of the line, so readLine() (which also splits on CR) is not used. */
    private static String readLfLine(BufferedReader in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
