package org.jgateway.register;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code host:port} address as written in configuration ({@code registerAddress}, a gateway's inner address):
 * a host name, IPv4 address or bracketed IPv6 address ({@code [::1]:1236}), and a port from 1 to 65535.
 * <p>
 * Parsing is strict and says what is wrong, because a malformed {@code registerAddress} is a classic GatewayWorker
 * deployment mistake (GatewayWorker#50) that otherwise shows up only as endless reconnects.
 *
 * @param host host name or IP address, IPv6 without brackets
 * @param port 1 to 65535
 */
public record HostAndPort(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** Parses a register address; see {@link #parse(String, String)}. */
    public static HostAndPort parse(String value) {
        return parse(value, "register address");
    }

    /**
     * Parses {@code host:port}.
     *
     * @param what names the setting in the error message, e.g. {@code "register address"}
     * @throws IllegalArgumentException with the offending value and the expected form
     */
    public static HostAndPort parse(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " is empty; expected host:port, e.g. 127.0.0.1:1236");
        }
        if (value.contains("://")) {
            throw invalid(value, what, "give host:port without a scheme (PHP's text:// is implied)");
        }
        if (value.indexOf(',') >= 0) {
            throw invalid(value, what, "one address per entry: give several registers as a list");
        }
        if (!value.strip().equals(value) || value.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(value, what, "it contains whitespace");
        }
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                throw invalid(value, what, "an IPv6 address must be written [address]:port");
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
            if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
                throw invalid(value, what, "'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(value, what, "the port is missing");
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw invalid(value, what, "write an IPv6 address in brackets, e.g. [::1]:1236");
            }
            if (host.isEmpty()) {
                throw invalid(value, what, "the host is missing");
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw invalid(value, what, "'" + host + "' is not a host name or IP address");
            }
        }
        if (!DIGITS.matcher(port).matches()) {
            throw invalid(value, what, "the port '" + port + "' is not a number");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw invalid(value, what, "the port must be 1-65535");
        }
        return new HostAndPort(host, number);
    }

    private static IllegalArgumentException invalid(String value, String what, String reason) {
        return new IllegalArgumentException("Invalid " + what + " '" + value + "': " + reason
                + "; expected host:port, e.g. 127.0.0.1:1236");
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A gateway's inner addresses to announce, each parsed as {@code host:port} and written in its normal form,
     * without repeats, in the order given.
     *
     * @throws IllegalArgumentException if an address is malformed or none is given
     */
    public static List<String> gatewayAddresses(Collection<String> addresses) {
        Objects.requireNonNull(addresses, "addresses");
        Set<String> unique = new LinkedHashSet<>();
        for (String address : addresses) {
            unique.add(parse(address, "gateway address").toString());
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("A gateway needs at least one inner address to announce");
        }
        return List.copyOf(unique);
    }
}
