package org.agentpause.pbx.ami;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.agentpause.agi.AgiCallResult;
import org.agentpause.agi.FakeAsteriskCall;
import org.agentpause.agi.FastAgiDoor;

/** The two kinds of client in {@link AmiLoadTest}: web tools over HTTP and phones over FastAGI, each booking what it was told. */
final class AmiLoadClients {

    /** What one request was told. */
    record Told(String id, String outcome, boolean pause, String message) {
    }

    private AmiLoadClients() {
    }

    static void web(int port, int client, int count, Map<String, Told> told) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SplittableRandom rnd = new SplittableRandom(client * 31L + 5);
        for (int i = 0; i < count; i++) {
            String id = "w" + client + "-" + i;
            boolean pause = rnd.nextBoolean();
            String queue = rnd.nextInt(4) == 0 ? "*" : "q" + (1 + rnd.nextInt(3));
            String body = "state=" + (pause ? "on" : "off") + "&member=" + (1000 + rnd.nextInt(AmiLoadTest.AGENTS)) + "&queue=" + queue
                    + "&reason=" + id;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/coocenter-api/queues/agent-pause")).header("Authentication", AmiLoadTest.TOKEN)
                        .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("message").asText();
                String outcome = switch (r.statusCode()) {
                    case 200 -> message.contains("unpaused") ? "UNPAUSED" : "PAUSED";
                    case 404 -> "NOT_FOUND";
                    case 503 -> message.startsWith("Server busy") ? "BUSY" : "UNAVAILABLE";
                    default -> "HTTP " + r.statusCode() + " " + r.body();
                };
                told.put(id, new Told(id, outcome, pause, message + " [sent " + body + "]"));
            } catch (IOException e) {
                throw new AssertionError(id + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void phone(int port, int phone, int count, Map<String, Told> told) {
        SplittableRandom rnd = new SplittableRandom(phone * 131L + 7);
        for (int i = 0; i < count; i++) {
            String id = "f" + phone + "-" + i;
            String script = switch (rnd.nextInt(3)) {
                case 0 -> FastAgiDoor.ON;
                case 1 -> FastAgiDoor.OFF;
                default -> FastAgiDoor.TOGGLE;
            };
            String member = Integer.toString(1000 + rnd.nextInt(AmiLoadTest.AGENTS));
            AgiCallResult r;
            try {
                r = FakeAsteriskCall.to("127.0.0.1", port).script(script + "?queue=q" + (1 + rnd.nextInt(3)) + "&reason=" + id)
                        .channel("PJSIP/" + member + "-" + String.format("%08x", i)).callerId(member, "Agent " + member).run();
            } catch (IOException e) {
                throw new AssertionError(id + ": " + e, e);
            }
            String status = r.refused() ? "REFUSED" : String.valueOf(r.variable("AGENTPAUSE_STATUS"));
            String outcome = switch (status) {
                case "NOTFOUND" -> "NOT_FOUND";
                default -> status;
            };
            told.put(id, new Told(id, outcome, "PAUSED".equals(status), String.valueOf(r.variable("AGENTPAUSE_MESSAGE"))));
        }
    }
}
