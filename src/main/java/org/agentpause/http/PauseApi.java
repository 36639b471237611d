package org.agentpause.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agentpause.pause.FieldRules;
import org.agentpause.pause.InvalidInputException;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseCommand;
import org.agentpause.pause.PauseResult;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.QueueMember;

/**
 * What each endpoint does, free of Netty: fields in, {@link ApiReply} out. Runs on worker
 * threads (it may block on the PBX), except {@link #health()}, which only reads a flag.
 */
public final class PauseApi {

    private final PauseService service;
    private final QueueBackend backend;
    private final MemberResolver resolver;

    public PauseApi(PauseService service, QueueBackend backend, MemberResolver resolver) {
        this.service = service;
        this.backend = backend;
        this.resolver = resolver;
    }

    /** {@code /coocenter-api/queues/agent-pause}: state, member, queue, optional reason and verbose. */
    public ApiReply pause(Map<String, String> fields, String actor) {
        PauseResult r;
        try {
            if (!fields.containsKey("queue")) {
                throw new InvalidInputException("queue", "is required; use * for every queue the member is in");
            }
            r = service.execute(PauseCommand.of(fields.get("member"), fields.get("queue"),
                    FieldRules.state(fields.get("state")), fields.get("reason"), actor));
        } catch (InvalidInputException e) {
            r = PauseResult.invalid(e);
        }
        boolean lostOtherwise = r.outcome() == Outcome.UNAVAILABLE && !r.queues().isEmpty();
        if (!verbose(fields) && !lostOtherwise) {
            return ApiReply.of(r.outcome().httpStatus(), r.message());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("queues", r.queues());
        data.put("interfaces", r.interfaces());
        data.put("reason", r.reason());
        return ApiReply.of(r.outcome().httpStatus(), r.message(), data);
    }

    private static boolean verbose(Map<String, String> fields) {
        String v = fields.getOrDefault("verbose", "");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    /** {@code /coocenter-api/queues/queue-info}: every queue (or {@code queue=}) in CooCenter's shape. */
    public ApiReply queueInfo(Map<String, String> fields) {
        ApiReply down = unavailable();
        if (down != null) {
            return down;
        }
        Map<String, List<QueueMember>> all = backend.view().snapshot();
        String only = fields.get("queue");
        if (only != null && !only.equals("*")) {
            try {
                FieldRules.queue(only);
            } catch (InvalidInputException e) {
                return ApiReply.of(400, e.getMessage());
            }
            if (!all.containsKey(only)) {
                return ApiReply.of(404, "Queue not found");
            }
            all = Map.of(only, all.get(only));
        }
        Map<String, List<Map<String, String>>> data = new LinkedHashMap<>();
        all.forEach((queue, members) -> {
            List<Map<String, String>> rows = new ArrayList<>();
            for (QueueMember m : members) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", m.iface());
                row.put("paused", m.paused() ? "1" : "0");
                row.put("penalty", Integer.toString(m.penalty()));
                rows.add(row);
            }
            data.put(queue, rows);
        });
        return ApiReply.of(200, "Queue status will follow", data);
    }

    /** {@code /coocenter-api/queues/agent-status?member=808}: per queue, paused, reason and since when. */
    public ApiReply agentStatus(Map<String, String> fields) {
        String member;
        try {
            member = FieldRules.member(fields.get("member"));
        } catch (InvalidInputException e) {
            return ApiReply.of(400, e.getMessage());
        }
        ApiReply down = unavailable();
        if (down != null) {
            return down;
        }
        MembershipView view = backend.view();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean anyPaused = false;
        for (String iface : resolver.resolve(view, member, null)) {
            for (QueueMember m : view.membershipsOf(iface).values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("queue", m.queue());
                row.put("interface", m.iface());
                row.put("paused", m.paused() ? "1" : "0");
                row.put("reason", m.reason());
                String lastPause = m.lastPause() > 0 ? Instant.ofEpochSecond(m.lastPause()).toString() : null;
                row.put("since", m.paused() ? lastPause : null);
                row.put("lastPause", lastPause);
                rows.add(row);
                anyPaused |= m.paused();
            }
        }
        if (rows.isEmpty()) {
            return ApiReply.of(404, Outcome.NOT_FOUND.message());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("member", member);
        data.put("paused", anyPaused);
        data.put("queues", rows);
        return ApiReply.of(200, "Agent status", data);
    }

    /**
     * 503 while the backend is down or still loading: its view may be empty or stale, and an
     * empty list or "not found" would be a wrong answer rather than no answer.
     */
    private ApiReply unavailable() {
        BackendHealth h = backend.health();
        return h.up() ? null : ApiReply.of(503, "PBX unavailable: " + h.detail());
    }

    /**
     * {@code /healthz}: up or down with the backend's reason and the HTTP requests in flight;
     * reveals no secret.
     */
    public ApiReply health(int requestsInFlight) {
        BackendHealth h = backend.health();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backend", h.detail());
        data.put("requestsInFlight", requestsInFlight);
        return h.up() ? ApiReply.of(200, "ok", data)
                : ApiReply.of(503, "PBX unavailable: " + h.detail(), data);
    }
}
