package org.agentpause.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.agentpause.agi.AgiCallResult;
import org.agentpause.agi.FakeAsteriskCall;
import org.agentpause.agi.FastAgiDoor;
import org.agentpause.pbx.QueueMember;

/** One phone's share of the mixed load: feature-code presses (toggle, on, off) over FastAGI, each booked in the ledger. */
final class PhoneLoad {

    private PhoneLoad() {
    }

    static void run(int port, int phone, int count, Ledger ledger, Map<String, List<QueueMember>> initial) {
        SplittableRandom rnd = new SplittableRandom(phone * 104_729L + 3);
        for (int i = 0; i < count; i++) {
            String id = "p" + phone + "-" + i;
            String member = rnd.nextInt(4) == 0 ? "750" : Integer.toString(700 + rnd.nextInt(MixedLoadTest.AGENTS));
            String script = switch (rnd.nextInt(3)) {
                case 0 -> FastAgiDoor.ON;
                case 1 -> FastAgiDoor.OFF;
                default -> FastAgiDoor.TOGGLE;
            };
            String queue = switch (rnd.nextInt(4)) {
                case 0 -> "";
                case 1 -> "queue=q1&";
                case 2 -> "queue=q2&";
                default -> "queue=q3&";
            };
            AgiCallResult r;
            try {
                r = FakeAsteriskCall.to("127.0.0.1", port).script(script + "?" + queue + "reason=" + id)
                        .channel("PJSIP/" + member + "-" + String.format("%08x", i)).callerId(member, "Agent " + member).run();
            } catch (IOException e) {
                throw new AssertionError(id + ": " + e, e);
            }
            ledger.tell(id, told(r, member, script, initial));
        }
    }

    private static Ledger.Told told(AgiCallResult r, String member, String script, Map<String, List<QueueMember>> initial) {
        if (r.refused()) {
            return new Ledger.Told("REFUSED", false, List.of(), "");
        }
        String status = r.variable("AGENTPAUSE_STATUS");
        String message = r.variable("AGENTPAUSE_MESSAGE");
        return switch (status == null ? "" : status) {
            case "PAUSED", "UNPAUSED" -> {
                if (!script.equals(FastAgiDoor.TOGGLE) && status.equals("PAUSED") != script.equals(FastAgiDoor.ON)) {
                    throw new AssertionError(script + " answered " + status);
                }
                yield new Ledger.Told(status, status.equals("PAUSED"), List.of(), message);
            }
            case "NOTFOUND" -> new Ledger.Told("NOT_FOUND", false, List.of(), message);
            case "UNAVAILABLE" -> new Ledger.Told("UNAVAILABLE", false,
                    interfacesOf(member, r.variable("AGENTPAUSE_QUEUES"), initial), message);
            default -> throw new AssertionError("phone press ended without a definite outcome: " + r);
        };
    }

    /** The member's interfaces in the queues the dialplan was told had changed. */
    private static List<String> interfacesOf(String member, String queues, Map<String, List<QueueMember>> initial) {
        List<String> out = new ArrayList<>();
        if (queues == null || queues.isEmpty()) {
            return out;
        }
        for (String q : queues.split(",")) {
            for (QueueMember m : initial.getOrDefault(q, List.of())) {
                String res = org.agentpause.pbx.MembershipView.resourceOf(m.iface());
                if (res.equals(member) && !out.contains(m.iface())) {
                    out.add(m.iface());
                }
            }
        }
        return out;
    }
}
