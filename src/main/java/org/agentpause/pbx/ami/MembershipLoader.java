package org.agentpause.pbx.ami;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.QueueSummaryAction;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.event.QueueSummaryCompleteEvent;
import org.asteriskjava.manager.event.QueueSummaryEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * Builds a fresh {@link MembershipView} from Asterisk: {@code QueueSummary} for the queue names,
 * then one {@code QueueStatus} per queue. Going queue by queue keeps each burst small, because
 * asterisk-java's event pump silently drops what does not fit in its 20,000-entry queue, and every
 * list is checked against the {@code ListItems} Asterisk announces, so a load is whole or fails.
 *
 * <p>Blocks; never call it on asterisk-java's dispatch thread.
 */
final class MembershipLoader {

    private final ManagerConnection connection;
    private final long timeoutMs;

    MembershipLoader(ManagerConnection connection, long timeoutMs) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
    }

    /** Loads every queue and its members, or throws; never returns a partial view. */
    MembershipView load() throws PbxUnavailableException {
        MembershipView fresh = new MembershipView();
        for (String queue : queueNames()) {
            fresh.addQueue(queue);
            for (ResponseEvent e : list(statusOf(queue), "QueueStatus for queue " + queue)) {
                if (e instanceof QueueMemberEvent row && row.getInterface() != null) {
                    fresh.put(MemberRows.fromStatusRow(row));
                }
            }
        }
        return fresh;
    }

    private static QueueStatusAction statusOf(String queue) {
        QueueStatusAction action = new QueueStatusAction();
        action.setQueue(HeaderValues.checked("Queue", queue));
        return action;
    }

    private List<String> queueNames() throws PbxUnavailableException {
        List<String> names = new ArrayList<>();
        for (ResponseEvent e : list(new QueueSummaryAction(), "QueueSummary")) {
            if (e instanceof QueueSummaryEvent s && s.getQueue() != null) {
                names.add(s.getQueue());
            }
        }
        return names;
    }

    /** The list's items (completion event excluded), once their number matches {@code ListItems}. */
    private List<ResponseEvent> list(EventGeneratingAction action, String what) throws PbxUnavailableException {
        ResponseEvents answer = send(action, what);
        if (answer.getResponse() == null) {
            throw new PbxUnavailableException(what + ": connection lost before Asterisk answered");
        }
        if (answer.getResponse() instanceof ManagerError error) {
            throw new PbxUnavailableException(what + " refused by Asterisk: " + error.getMessage());
        }
        List<ResponseEvent> items = new ArrayList<>();
        Integer announced = null;
        for (ResponseEvent e : answer.getEvents()) {
            if (e instanceof QueueStatusCompleteEvent done) {
                announced = done.getListItems();
            } else if (e instanceof QueueSummaryCompleteEvent done) {
                announced = done.getListitems();
            } else {
                items.add(e);
            }
        }
        if (announced == null) {
            // A disconnect also ends the wait, without the completion event.
            throw new PbxUnavailableException(what + ": list ended without its completion event");
        }
        if (announced != items.size()) {
            throw new PbxUnavailableException(what + " announced " + announced + " items but "
                    + items.size() + " arrived (events dropped); the load is discarded");
        }
        return items;
    }

    private ResponseEvents send(EventGeneratingAction action, String what) throws PbxUnavailableException {
        try {
            return connection.sendEventGeneratingAction(action, timeoutMs);
        } catch (EventTimeoutException e) {
            throw new PbxUnavailableException(what + ": no complete answer within " + timeoutMs + " ms", e);
        } catch (IOException | IllegalStateException e) {
            throw new PbxUnavailableException(what + ": " + e.getMessage(), e);
        }
    }
}
