package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.agentpause.config.AgentPauseConfig;
import org.junit.jupiter.api.Test;

/** Secure by default: every listener and the AMI target are loopback unless configured otherwise. */
class DefaultBindsTest {

    private static void assertLoopback(String host, String key) throws IOException {
        assertTrue(InetAddress.getByName(host).isLoopbackAddress(), () -> key + " defaults to " + host);
    }

    @Test
    void builtInDefaultsAndTheShippedFileAreLoopback() throws Exception {
        for (AgentPauseConfig c : new AgentPauseConfig[] {AgentPauseConfig.defaults(Map.of()),
                AgentPauseConfig.load(AgentPauseConfig.DEFAULT_FILE, Map.of(), new Properties())}) {
            assertLoopback(c.http().bind(), "http.bind");
            assertLoopback(c.agi().bind(), "agi.bind");
            assertLoopback(c.ami().host(), "ami.host");
            for (String cidr : c.agi().allow()) {
                assertLoopback(cidr.substring(0, cidr.indexOf('/')), "agi.allow");
            }
            assertEquals(null, c.http().tlsCert());
        }
    }

    /** The running door is not reachable on this machine's other addresses. */
    @Test
    void theDoorIsNotReachableFromOtherInterfaces() throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(ni -> {
                    try {
                        return ni.isUp() && !ni.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(ni -> Collections.list(ni.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        try (HttpDoor door = HttpDoor.start()) {
            assertEquals(200, Verdicts.exchange(door.port, Wire.utf8("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")).status());
            if (external.isPresent()) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(external.get(), door.port), 2000);
                    }
                }, "the door answered on " + external.get());
            }
        }
    }
}
