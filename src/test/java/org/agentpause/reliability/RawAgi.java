package org.agentpause.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FastAGI peer that sends whatever environment bytes it is given (garbage included), then answers
 * every command the way Asterisk answers on a live channel: {@code GET VARIABLE} as unset, the rest
 * {@code 200 result=0/1}. It records the variables the server sets and how the session ended.
 */
final class RawAgi {

    /** How a session ended: the variables set, the commands seen, and whether the server closed it. */
    record Session(Map<String, String> variables, List<String> commands, boolean closedByServer, long millis) {
        String status() {
            return variables.getOrDefault("AGENTPAUSE_STATUS", "");
        }
    }

    private RawAgi() {
    }

    /** Connects from {@code source} (null: any loopback), sends {@code environment}, plays Asterisk until the server closes. */
    static Session call(InetAddress source, int port, byte[] environment, int timeoutMs) throws IOException {
        long start = System.nanoTime();
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> commands = new ArrayList<>();
        try (Socket s = new Socket()) {
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                out.write(environment);
                out.flush();
            } catch (IOException e) {
                // The server may close before reading everything (a refused source, an endless line).
                return new Session(vars, commands, true, elapsed(start));
            }
            while (true) {
                String line;
                try {
                    line = readLine(in);
                } catch (SocketTimeoutException e) {
                    return new Session(vars, commands, false, elapsed(start));
                } catch (IOException e) {
                    return new Session(vars, commands, true, elapsed(start));
                }
                if (line == null) {
                    return new Session(vars, commands, true, elapsed(start));
                }
                commands.add(line);
                try {
                    out.write(answer(line, vars).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    return new Session(vars, commands, true, elapsed(start));
                }
            }
        }
    }

    private static String answer(String command, Map<String, String> vars) {
        if (command.startsWith("SET VARIABLE ")) {
            String rest = command.substring("SET VARIABLE ".length());
            int space = rest.indexOf(' ');
            vars.put(unquote(space < 0 ? rest : rest.substring(0, space)), unquote(space < 0 ? "" : rest.substring(space + 1)));
            return "200 result=1\n";
        }
        return "200 result=0\n";
    }

    /** asterisk-java quotes both the name and the value of SET VARIABLE. */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** An Asterisk-shaped environment (agi_network first, as in the transcripts) with the given fields. */
    static byte[] environment(int port, String script, byte[] channel, List<byte[]> extraLines, boolean terminated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.utf8("agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:"
                + port + "/" + script + "\n"));
        out.writeBytes(Wire.utf8("agi_channel: "));
        out.writeBytes(channel);
        out.writeBytes(Wire.utf8("\nagi_language: en\nagi_type: PJSIP\nagi_uniqueid: 1796323101.12\nagi_version: 22.10.1\n"
                + "agi_callerid: 808\nagi_calleridname: Agent 808\nagi_callingpres: 0\nagi_context: agent-features\n"
                + "agi_extension: *46\nagi_priority: 2\nagi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: 1\n"));
        for (byte[] line : extraLines) {
            out.writeBytes(line);
            out.write('\n');
        }
        if (terminated) {
            out.write('\n');
        }
        return out.toByteArray();
    }
}
