package org.agentpause.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The membership index: look-ups by extension, name and interface, and how writes keep them in step. */
class MembershipViewTest {

    private static QueueMember member(String queue, String iface, String name) {
        return new QueueMember(queue, iface, name, null, 0, false, "", 0);
    }

    @Test
    void findsInterfacesByExtensionAndByMemberNameSorted() {
        MembershipView v = new MembershipView();
        v.put(member("630", "PJSIP/808", "Agent 808"));
        v.put(member("630", "Local/808@from-queue/n", "Agent 808"));
        v.put(member("631", "PJSIP/808", "Agent 808"));

        assertEquals(List.of("Local/808@from-queue/n", "PJSIP/808"), v.interfacesFor("808"));
        assertEquals(List.of("Local/808@from-queue/n", "PJSIP/808"), v.interfacesFor("Agent 808"));
        assertEquals(List.of(), v.interfacesFor("809"));
    }

    @Test
    void membershipsAreSortedByQueueMatchedCaseInsensitivelyAndImmutable() {
        MembershipView v = new MembershipView();
        v.put(member("631", "PJSIP/808", ""));
        v.put(member("630", "PJSIP/808", ""));

        Map<String, QueueMember> m = v.membershipsOf("pjsip/808");
        assertEquals(List.of("630", "631"), List.copyOf(m.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.remove("630"));
        assertEquals(Map.of(), v.membershipsOf("PJSIP/999"));
    }

    @Test
    void aReaderKeepsTheValueItReadWhileAWriterChangesIt() {
        MembershipView v = new MembershipView();
        v.put(member("630", "PJSIP/808", ""));
        Map<String, QueueMember> before = v.membershipsOf("PJSIP/808");

        assertTrue(v.updatePause("630", "PJSIP/808", true, "lunch", 1796322000L));

        assertFalse(before.get("630").paused(), "a value already read is a snapshot");
        QueueMember now = v.membershipsOf("PJSIP/808").get("630");
        assertTrue(now.paused());
        assertEquals("lunch", now.reason());
        assertEquals(1796322000L, now.lastPause());
        assertTrue(v.snapshot().get("630").get(0).paused(), "the queue index sees the same change");
        assertFalse(v.updatePause("631", "PJSIP/808", true, "", 0), "not in that queue");
    }

    @Test
    void repeatedPausesDoNotGrowOrReallocateTheExtensionIndex() {
        MembershipView v = new MembershipView();
        v.put(member("630", "PJSIP/808", "Agent 808"));
        List<String> before = v.interfacesFor("808");

        v.updatePause("630", "PJSIP/808", true, "", 1);
        v.updatePause("630", "pjsip/808", false, "", 2);

        assertSame(before, v.interfacesFor("808"));
        assertEquals(1, v.size());
    }

    @Test
    void removingTheLastMembershipForgetsTheInterfaceEverywhere() {
        MembershipView v = new MembershipView();
        v.put(member("630", "PJSIP/808", "Agent 808"));
        v.put(member("631", "PJSIP/808", "Agent 808"));
        v.put(member("630", "Local/808@from-queue/n", "Agent 808"));

        assertTrue(v.remove("630", "pjsip/808"));
        assertEquals(List.of("631"), List.copyOf(v.membershipsOf("PJSIP/808").keySet()));
        assertEquals(List.of("Local/808@from-queue/n", "PJSIP/808"), v.interfacesFor("808"));

        assertTrue(v.remove("631", "PJSIP/808"));
        assertEquals(Map.of(), v.membershipsOf("PJSIP/808"));
        assertEquals(List.of("Local/808@from-queue/n"), v.interfacesFor("808"));
        assertEquals(List.of("Local/808@from-queue/n"), v.interfacesFor("Agent 808"));

        assertTrue(v.remove("630", "Local/808@from-queue/n"));
        assertEquals(List.of(), v.interfacesFor("808"));
        assertEquals(List.of(), v.interfacesFor("Agent 808"));
        assertFalse(v.remove("630", "Local/808@from-queue/n"), "already gone");
        assertTrue(v.hasQueue("630"), "an emptied queue still exists");
    }

    @Test
    void aNameOnlyOneQueueGaveIsForgottenWithThatMembership() {
        MembershipView v = new MembershipView();
        v.put(member("630", "PJSIP/808", "alice"));
        v.put(member("631", "PJSIP/808", "agent808"));
        assertEquals(List.of("PJSIP/808"), v.interfacesFor("alice"));
        assertTrue(v.remove("630", "PJSIP/808"));
        assertEquals(List.of(), v.interfacesFor("alice"), "no membership of PJSIP/808 is named alice any more");
        assertEquals(List.of("PJSIP/808"), v.interfacesFor("agent808"));
        assertEquals(List.of("PJSIP/808"), v.interfacesFor("808"));

        v.put(member("631", "PJSIP/808", "bob")); // renamed in place (QueueMemberAdded again, or a reload)
        assertEquals(List.of(), v.interfacesFor("agent808"));
        assertEquals(List.of("PJSIP/808"), v.interfacesFor("bob"));

        v.put(member("630", "PJSIP/808", "808")); // a name equal to the extension
        assertTrue(v.remove("630", "PJSIP/808"));
        assertEquals(List.of("PJSIP/808"), v.interfacesFor("808"), "still its extension while it is in 631");
    }

    @Test
    void aMemberNamedLikeAnInterfaceIsFoundByItsExtension() {
        MembershipView v = new MembershipView();
        // Asterisk's default member name is the interface itself.
        v.put(member("630", "PJSIP/808", "PJSIP/808"));

        assertEquals(List.of("PJSIP/808"), v.interfacesFor("808"));
        assertTrue(v.remove("630", "PJSIP/808"));
        assertEquals(List.of(), v.interfacesFor("808"));
    }

    @Test
    void equalNamesShareOneInstanceSoALargeLoadHoldsEachOnce() {
        MembershipView v = new MembershipView();
        // As an AMI load delivers them: a new String per row for every header value.
        v.put(new QueueMember(new String("630"), new String("PJSIP/808"), "Agent 808", new String("PJSIP/808"),
                0, false, "", 0));
        v.put(new QueueMember(new String("630"), new String("PJSIP/809"), "Agent 809", null, 0, false, "", 0));
        v.put(new QueueMember(new String("631"), new String("PJSIP/808"), "Agent 808", null, 0, false, "", 0));

        QueueMember a = v.membershipsOf("PJSIP/808").get("630");
        QueueMember b = v.membershipsOf("PJSIP/809").get("630");
        QueueMember c = v.membershipsOf("PJSIP/808").get("631");
        assertSame(a.queue(), b.queue(), "one instance per queue name");
        assertSame(a.iface(), c.iface(), "one instance per interface across its queues");
        assertSame(a.iface(), a.stateInterface(), "a state interface equal to the interface is the same instance");
        assertEquals("PJSIP/808", c.stateInterface());
    }
}
