package org.agentpause.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Source addresses allowed to open a FastAGI connection, as CIDR blocks (IPv4 and IPv6). */
final class AllowList {

    private record Block(byte[] network, int prefixBits, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private AllowList(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses CIDRs such as {@code 127.0.0.0/8} or {@code ::1/128}; a bare address means one host.
     *
     * @throws IllegalArgumentException naming {@code agi.allow} and the bad entry
     */
    static AllowList parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            blocks.add(block(cidr.strip()));
        }
        return new AllowList(blocks);
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        // Only literal addresses: a host name here would mean a DNS lookup deciding who may connect.
        // IPv4 as a strict dotted quad, IPv6 with a colon: "cafe" or "bad.beef" would otherwise be
        // looked up as host names.
        boolean ipv4 = host.matches("(\\d{1,3}\\.){3}\\d{1,3}");
        boolean ipv6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw bad(cidr, "is not an IP address literal");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw bad(cidr, "is not an IP address literal");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad(cidr, "has a prefix length that is not a number");
            }
            if (bits < 0 || bits > address.length * 8) {
                throw bad(cidr, "has a prefix length outside 0.." + address.length * 8);
            }
        }
        return new Block(address, bits, cidr);
    }

    private static IllegalArgumentException bad(String cidr, String why) {
        return new IllegalArgumentException("agi.allow: entry '" + cidr + "' " + why
                + " (expected CIDRs such as 127.0.0.0/8,::1/128)");
    }

    /** Whether a connection from this address may run a script. */
    boolean allows(InetAddress source) {
        byte[] address = source.getAddress();
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.stream().map(Block::text).toList().toString();
    }
}
