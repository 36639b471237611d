package org.agentpause.agi;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agentpause.pause.FieldRules;
import org.agentpause.pause.InvalidInputException;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

/**
 * Reads who is calling and what they ask for. The agent comes from {@code AGENTPAUSE_MEMBER}
 * (set by trusted dialplan), else from the channel name, and from caller ID only when the admin
 * opted in: a phone can put anything in its caller ID.
 */
final class PhoneRequestReader {

    /** The channel variable trusted dialplan sets to name the agent explicitly. */
    static final String MEMBER_VARIABLE = "AGENTPAUSE_MEMBER";

    private final boolean trustCallerId;
    private final Map<String, String> reasons;

    /** @param reasons the catalogue, code → label; labels must already pass {@link FieldRules#reason} */
    PhoneRequestReader(boolean trustCallerId, Map<String, String> reasons) {
        this.trustCallerId = trustCallerId;
        this.reasons = Map.copyOf(reasons);
    }

    /**
     * Reads the request. Only one AGI command is sent ({@code GET VARIABLE AGENTPAUSE_MEMBER}),
     * and Asterisk answers it even after a hangup.
     *
     * @throws InvalidInputException naming the field when the request cannot be honoured
     * @throws AgiException          when the connection to Asterisk is gone
     */
    PhoneRequest read(AgiRequest request, AgiChannel channel) throws InvalidInputException, AgiException {
        Map<String, String> options = options(request);
        String member = member(request, QuotedGetVariable.read(channel, MEMBER_VARIABLE));
        String queue = FieldRules.queue(options.get("queue"));
        return new PhoneRequest(member, queue, reason(options.get("reason")), "phone:" + request.getChannel());
    }

    private String member(AgiRequest request, String fromVariable) throws InvalidInputException {
        if (fromVariable != null && !fromVariable.isEmpty()) {
            return FieldRules.member(fromVariable);
        }
        Optional<String> fromChannel = memberOfChannel(request.getChannel());
        if (fromChannel.isPresent()) {
            return FieldRules.member(fromChannel.get());
        }
        String callerId = request.getCallerIdNumber();
        if (trustCallerId && callerId != null && !callerId.isEmpty()) {
            return FieldRules.member(callerId);
        }
        throw new InvalidInputException("member", "channel " + request.getChannel() + " does not name an agent;"
                + " set " + MEMBER_VARIABLE + " in trusted dialplan");
    }

    /**
     * The agent a channel belongs to: {@code PJSIP/808-0000001a} → {@code 808}, likewise for SIP,
     * IAX2 and other technologies. Local channels name a dialplan location, not a phone: empty.
     */
    static Optional<String> memberOfChannel(String channel) {
        if (channel == null) {
            return Optional.empty();
        }
        int slash = channel.indexOf('/');
        if (slash <= 0 || channel.substring(0, slash).toLowerCase(Locale.ROOT).equals("local")) {
            return Optional.empty();
        }
        String resource = channel.substring(slash + 1);
        // Asterisk appends "-<sequence>" to the endpoint name to make the channel name unique.
        int dash = resource.lastIndexOf('-');
        String endpoint = dash > 0 ? resource.substring(0, dash) : resource;
        return endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint);
    }

    /** A catalogue code becomes its label; an unknown all-digit code is refused, not used as text. */
    private String reason(String raw) throws InvalidInputException {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String label = reasons.get(raw);
        if (label != null) {
            return label;
        }
        if (raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("reason", "code " + raw + " is not in the reasons catalogue"
                    + " (reasons.<code>=<label>)");
        }
        return FieldRules.reason(raw);
    }

    /**
     * Options from the URL query ({@code ?queue=630}) and the AGI arguments ({@code queue=630}).
     * Unknown names and contradicting values are refused, so a typo never acts on every queue.
     */
    static Map<String, String> options(AgiRequest request) throws InvalidInputException {
        Map<String, String> out = new HashMap<>();
        Map<String, String[]> query;
        try {
            query = request.getParameterMap();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("options", "the URL query is not valid URL encoding");
        }
        for (Map.Entry<String, String[]> e : query.entrySet()) {
            for (String value : e.getValue()) {
                put(out, e.getKey(), value);
            }
        }
        String[] args = request.getArguments();
        for (String arg : args == null ? new String[0] : args) {
            if (arg == null || arg.isEmpty()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("options", "AGI argument '" + printable(arg)
                        + "' must look like name=value (queue=630, reason=1)");
            }
            put(out, arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }

    private static void put(Map<String, String> out, String name, String value) throws InvalidInputException {
        if (!name.equals("queue") && !name.equals("reason")) {
            throw new InvalidInputException("options", "unknown option '" + printable(name)
                    + "'; the options are queue and reason");
        }
        if (value.isEmpty()) {
            return;
        }
        String old = out.putIfAbsent(name, value);
        if (old != null && !old.equals(value)) {
            throw new InvalidInputException(name, "is given twice with different values");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
