package org.agentpause.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which PBX backend to use, the simulated PBX's queues, and the member interface templates.
 *
 * @param backend         {@code simulated} or {@code ami}
 * @param simulatedQueues queue → member interfaces for the simulated PBX
 * @param memberTemplates templates such as {@code PJSIP/{member}} that turn an extension into interfaces
 * @param simulatedLatencyMs delay the simulated PBX adds to every pause, to mimic an AMI round trip
 */
public record PbxSettings(String backend, Map<String, List<String>> simulatedQueues,
                          List<String> memberTemplates, int simulatedLatencyMs) {

    static final String DEFAULT_QUEUES = "630:PJSIP/808,PJSIP/809,Local/810@from-queue/n;631:PJSIP/808";
    static final String DEFAULT_TEMPLATES = "PJSIP/{member},SIP/{member},Local/{member}@from-queue/n";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+@/:-]{0,79}");

    static PbxSettings load(ConfigSource c) throws ConfigException {
        String backend = c.string("pbx.backend", "simulated");
        if (!backend.equals("simulated") && !backend.equals("ami")) {
            throw new ConfigException(c.fail("pbx.backend", "must be 'simulated' or 'ami', not '" + backend + "'"));
        }
        List<String> templates = c.list("member.interfaces", DEFAULT_TEMPLATES);
        if (templates.isEmpty()) {
            throw new ConfigException(c.fail("member.interfaces", "must list at least one template"));
        }
        for (String t : templates) {
            if (!t.contains("{member}") || !t.contains("/")) {
                throw new ConfigException(c.fail("member.interfaces", "template '" + t
                        + "' must look like TECH/{member}, e.g. PJSIP/{member}"));
            }
        }
        Map<String, List<String>> queues = parseQueues(c, c.string("simulated.queues", DEFAULT_QUEUES),
                templates.get(0));
        return new PbxSettings(backend, queues, List.copyOf(templates),
                c.integer("simulated.latency-ms", 0, 0, 60000, "milliseconds"));
    }

    /** {@code 630:808,PJSIP/809;631:808}: a bare extension becomes the first template's interface. */
    private static Map<String, List<String>> parseQueues(ConfigSource c, String spec, String template)
            throws ConfigException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String queue = colon < 0 ? entry.strip() : entry.substring(0, colon).strip();
            if (!NAME.matcher(queue).matches() || queue.contains("/")) {
                throw new ConfigException(c.fail("simulated.queues", "entry '" + entry.strip()
                        + "' must look like QUEUE:MEMBER,MEMBER (e.g. 630:808,809)"));
            }
            List<String> members = new ArrayList<>();
            for (String m : colon < 0 ? new String[0] : entry.substring(colon + 1).split(",")) {
                String member = m.strip();
                if (member.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(member).matches()) {
                    throw new ConfigException(c.fail("simulated.queues", "member '" + member + "' of queue "
                            + queue + " is not an extension or interface"));
                }
                members.add(member.contains("/") ? member : template.replace("{member}", member));
            }
            if (out.put(queue, List.copyOf(members)) != null) {
                // A second entry would silently replace the first one's members.
                throw new ConfigException(c.fail("simulated.queues", "lists queue " + queue
                        + " twice; give each queue once with all its members"));
            }
        }
        return out;
    }
}
