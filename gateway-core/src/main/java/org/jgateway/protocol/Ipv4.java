package org.jgateway.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** IPv4 addresses as PHP's {@code ip2long} / {@code long2ip} see them: a u32 in an {@code int}. */
public final class Ipv4 {

    private Ipv4() {
    }

    /**
     * Parses a dotted quad strictly (four decimal octets 0–255, no leading '+', no spaces).
     *
     * @throws IllegalArgumentException if {@code dotted} is not an IPv4 address
     */
    public static int parse(String dotted) {
        if (dotted == null) {
            throw new IllegalArgumentException("IPv4 address is null");
        }
        int value = 0;
        int octets = 0;
        int i = 0;
        int n = dotted.length();
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && dotted.charAt(i) != '.') {
                char c = dotted.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    throw new IllegalArgumentException("Not an IPv4 address: '" + dotted + "'");
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            if (i == start || octet > 255 || octets == 4) {
                throw new IllegalArgumentException("Not an IPv4 address: '" + dotted + "'");
            }
            value = (value << 8) | octet;
            octets++;
            i++;
        }
        if (octets != 4) {
            throw new IllegalArgumentException("Not an IPv4 address: '" + dotted + "'");
        }
        return value;
    }

    /** Whether {@code s} is a dotted-quad IPv4 address. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String toString(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + '.' + ((ip >>> 8) & 0xff) + '.' + (ip & 0xff);
    }

    /** The u32 of an IPv4 address, or 0 for IPv6 and anything else (as GatewayWorker puts in the header). */
    public static int of(InetAddress address) {
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }
        return 0;
    }

    /** The u32 of a socket address's IPv4 address, or 0. */
    public static int of(SocketAddress address) {
        return address instanceof InetSocketAddress isa && isa.getAddress() != null ? of(isa.getAddress()) : 0;
    }
}
