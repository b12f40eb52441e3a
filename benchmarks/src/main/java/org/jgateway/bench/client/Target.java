package org.jgateway.bench.client;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Where the generator connects: {@code ws://host:port/path} for WebSocket, {@code tcp://host:port} (or
 * {@code text://}) for newline text.
 */
public record Target(Protocol protocol, String host, int port, String path) {

    public static Target parse(String text) {
        URI uri = URI.create(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        Protocol protocol = switch (scheme) {
            case "ws" -> Protocol.WS;
            case "tcp", "text" -> Protocol.TEXT;
            default -> throw new IllegalArgumentException("target must be ws://host:port/ or tcp://host:port, got " + text);
        };
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException("target needs a port: " + text);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Target(protocol, uri.getHost(), uri.getPort(), path);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    public URI uri() {
        return URI.create("ws://" + host + ":" + port + path);
    }

    @Override
    public String toString() {
        return protocol == Protocol.WS ? "ws://" + host + ":" + port + path : "tcp://" + host + ":" + port;
    }
}
