package org.agentpause.pbx.ami;

import java.util.function.LongSupplier;
import org.agentpause.pbx.QueueMember;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.ReloadEvent;

/**
 * Listens on asterisk-java's dispatch thread and only hands work off: membership events become
 * view changes queued on {@code ami-view}; connect, disconnect and {@code Reload} go to the link.
 * It never blocks and never sends an action, since responses share this thread with events.
 */
final class AmiEventRouter implements ManagerEventListener {

    private final LiveMembership live;
    private final AmiLink link;
    private final LongSupplier epochSeconds;

    AmiEventRouter(LiveMembership live, AmiLink link, LongSupplier epochSeconds) {
        this.live = live;
        this.link = link;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof QueueMemberPausedEvent e) {
            onPause(e);
        } else if (event instanceof QueueMemberAddedEvent e) {
            QueueMember m = MemberRows.fromAdded(e);
            live.apply(view -> view.put(m));
        } else if (event instanceof QueueMemberRemovedEvent e) {
            live.apply(view -> view.remove(e.getQueue(), e.getInterface()));
        } else if (event instanceof QueueMemberStatusEvent e) {
            // Exactly this class: plain QueueMemberEvents are rows of our own QueueStatus loads.
            QueueMember m = MemberRows.fromStatusRow(e);
            live.apply(view -> view.put(m));
        } else if (event instanceof ReloadEvent) {
            // `module reload app_queue` (or any reload) may change queues without member events.
            link.requestReload();
        } else if (event instanceof ConnectEvent) {
            link.onConnected();
        } else if (event instanceof DisconnectEvent) {
            link.onDisconnected();
        }
    }

    private void onPause(QueueMemberPausedEvent e) {
        String queue = e.getQueue();
        String iface = e.getInterface();
        boolean paused = Boolean.TRUE.equals(e.getPaused());
        String reason;
        long at;
        if (e instanceof QueueMemberPauseEvent full) {
            reason = MemberRows.reasonOf(full);
            at = full.getLastpause() != null && full.getLastpause() > 0 ? full.getLastpause() : epochSeconds.getAsLong();
        } else {
            reason = MemberRows.text(e.getReason());
            at = epochSeconds.getAsLong();
        }
        if (queue == null || iface == null) {
            return;
        }
        live.apply(view -> {
            if (!view.updatePause(queue, iface, paused, reason, at)) {
                // A member we never heard of: a silent `queue reload` added it. Resync.
                link.requestReload();
            }
        });
    }
}
