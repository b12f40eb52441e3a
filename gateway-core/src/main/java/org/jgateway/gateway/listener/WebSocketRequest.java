package org.jgateway.gateway.listener;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP request of an accepted WebSocket handshake, with the client's and the listener's addresses. Immutable.
 * <p>
 * The gateway's tail handler receives one as a user event when the handshake has completed, before any message.
 * {@link #toPhpArray()} gives the array GatewayWorker passes to {@code Events::onWebSocketConnect}.
 */
public final class WebSocketRequest {

    private final String method;
    private final String uri;
    private final String path;
    private final String queryString;
    private final Map<String, String> queryParameters;
    private final List<Map.Entry<String, String>> headers;
    private final Map<String, String> cookies;
    private final String remoteAddress;
    private final int remotePort;
    private final int serverPort;

    private WebSocketRequest(String method, String uri, List<Map.Entry<String, String>> headers,
            String remoteAddress, int remotePort, int serverPort) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = List.copyOf(headers);
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.remotePort = remotePort;
        this.serverPort = serverPort;
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        this.queryString = q < 0 ? "" : uri.substring(q + 1);
        this.queryParameters = PhpQueryString.parse(queryString);
        this.cookies = PhpQueryString.parseCookies(header("Cookie"));
    }

    /**
     * A request from its parts.
     *
     * @param method        the HTTP method, e.g. {@code GET}
     * @param uri           the request target as sent, e.g. {@code /chat?token=abc}
     * @param headers       the header lines in the order received
     * @param remoteAddress the client's IP address as text
     * @param remotePort    the client's port
     * @param serverPort    the listener's (local) port
     */
    public static WebSocketRequest of(String method, String uri, List<Map.Entry<String, String>> headers,
            String remoteAddress, int remotePort, int serverPort) {
        return new WebSocketRequest(method, uri, headers, remoteAddress, remotePort, serverPort);
    }

    /** The request of a handshake on a connection between {@code remote} and {@code local}. */
    static WebSocketRequest of(HttpRequest request, SocketAddress remote, SocketAddress local) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        request.headers().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue())));
        return new WebSocketRequest(request.method().name(), request.uri(), headers, ipText(remote), port(remote),
                port(local));
    }

    private static String ipText(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            // RFC 5952 text for IPv6 ("::1"), where PHP reports 0.0.0.0.
            return NetUtil.toAddressString(inet.getAddress());
        }
        return address instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(address);
    }

    private static int port(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    /** The HTTP method; {@code GET} for every accepted handshake. */
    public String method() {
        return method;
    }

    /** The request target as sent, e.g. {@code /chat?token=abc&x=1}. */
    public String uri() {
        return uri;
    }

    /** The part of the URI before {@code ?}, not decoded. */
    public String path() {
        return path;
    }

    /** The part of the URI after {@code ?}, not decoded; empty when there is none. */
    public String queryString() {
        return queryString;
    }

    /** The query variables as PHP's {@code parse_str} reads them (see {@link PhpQueryString}), in order. */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /** The query variable {@code name}, or null. */
    public @Nullable String queryParameter(String name) {
        return queryParameters.get(name);
    }

    /** Every header line as received: names in their original case, in order, repeated names repeated. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public @Nullable String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The cookies of the {@code Cookie} header, read the way workerman does, in order. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** The {@code Host} header including any port, or null when absent. */
    public @Nullable String host() {
        return header("Host");
    }

    /** The {@code Origin} header, or null when absent (non-browser clients). */
    public @Nullable String origin() {
        return header("Origin");
    }

    /** The client's IP address as text; IPv6 in RFC 5952 form. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The client's port. */
    public int remotePort() {
        return remotePort;
    }

    /** The listener's port the client connected to. */
    public int serverPort() {
        return serverPort;
    }

    /**
     * GatewayWorker's {@code onWebSocketConnect} data, {@code ['get' => …, 'server' => …, 'cookie' => …]}, with
     * keys in GatewayWorker's order: values are {@code String}, {@code Long}, null or nested
     * {@code LinkedHashMap<String, Object>}. {@code server} holds {@code QUERY_STRING}, {@code REQUEST_METHOD},
     * {@code REQUEST_URI}, {@code SERVER_PROTOCOL}, {@code SERVER_NAME}, {@code CONTENT_TYPE}, {@code REMOTE_ADDR},
     * {@code REMOTE_PORT}, {@code SERVER_PORT}, then {@code HTTP_<NAME>} per header (upper case, {@code -} as
     * {@code _}); a repeated header's values are joined with {@code ","} like workerman's request parser does.
     */
    public Map<String, Object> toPhpArray() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("QUERY_STRING", queryString);
        server.put("REQUEST_METHOD", method);
        server.put("REQUEST_URI", uri);
        server.put("SERVER_PROTOCOL", "HTTP/1.1");
        server.put("SERVER_NAME", host());
        server.put("CONTENT_TYPE", header("Content-Type"));
        server.put("REMOTE_ADDR", remoteAddress);
        server.put("REMOTE_PORT", (long) remotePort);
        server.put("SERVER_PORT", (long) serverPort);
        phpHeaders().forEach((name, value) -> server.put("HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_'),
                value));

        Map<String, Object> php = new LinkedHashMap<>();
        php.put("get", new LinkedHashMap<String, Object>(queryParameters));
        php.put("server", server);
        php.put("cookie", new LinkedHashMap<String, Object>(cookies));
        return php;
    }

    /** Headers by lower-case name, repeated ones joined with ",", in order of first appearance (workerman 5). */
    private Map<String, String> phpHeaders() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            byName.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b);
        }
        return Collections.unmodifiableMap(byName);
    }

    @Override
    public String toString() {
        return "WebSocketRequest[" + method + " " + uri + " from " + remoteAddress + ":" + remotePort + "]";
    }
}
