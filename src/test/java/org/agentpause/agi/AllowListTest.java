package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIDR matching for {@code agi.allow}. */
class AllowListTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void matchesPrefixesForIpv4AndIpv6() throws Exception {
        AllowList allow = AllowList.parse(List.of("10.1.2.0/23", "192.0.2.7", "::1/128", "2001:db8::/32"));
        assertTrue(allow.allows(ip("10.1.3.255")));
        assertFalse(allow.allows(ip("10.1.4.0")));
        assertTrue(allow.allows(ip("192.0.2.7")));
        assertFalse(allow.allows(ip("192.0.2.8")));
        assertTrue(allow.allows(ip("::1")));
        assertTrue(allow.allows(ip("2001:db8:ffff::1")));
        assertFalse(allow.allows(ip("2001:db9::1")));
        assertFalse(allow.allows(ip("127.0.0.1")), "IPv4 never matches an IPv6 block or vice versa");
    }

    @Test
    void zeroPrefixAllowsEveryAddressOfThatFamilyOnly() throws Exception {
        AllowList any4 = AllowList.parse(List.of("0.0.0.0/0"));
        assertTrue(any4.allows(ip("203.0.113.9")));
        assertFalse(any4.allows(ip("::1")));
    }

    @Test
    void emptyListAllowsNobody() throws Exception {
        assertFalse(AllowList.parse(List.of()).allows(ip("127.0.0.1")));
    }

    @Test
    void refusesEntriesThatAreNotCidrs() {
        for (String bad : List.of("10.0.0.0/x", "10.0.0.0/-1", "::/129", "example.com", "", "10.0.0.0/8/1",
                "cafe", "bad.beef", "dead.beef.cafe.face", "1.2.3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AllowList.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("agi.allow: entry '"), e.getMessage());
        }
    }
}
