package org.jgateway.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jgateway.client.ClientContext;
import org.jgateway.client.GatewayApi;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpArrays;
import org.jspecify.annotations.Nullable;

/**
 * Everything GatewayWorker's {@code Context} and {@code $_SERVER} / {@code $_SESSION} give a callback, for one event.
 * <p>
 * The session is a mutable map loaded on first use; when the callback changed it, the worker writes it back to the
 * gateway after the callback (GatewayWorker's auto-sync). Valid only during the callback.
 */
public final class EventContext implements ClientContext {

    private final GatewayFrame frame;
    private final String clientId;
    private final @Nullable String realClientAddress;
    private final GatewayApi api;
    private final SessionLoader sessionLoader;
    private @Nullable Map<String, Object> webSocketData;
    private @Nullable Map<String, Object> session;
    private @Nullable Map<String, Object> sessionSnapshot;

    EventContext(GatewayFrame frame, String clientId, @Nullable String realClientAddress, GatewayApi api,
            SessionLoader sessionLoader) {
        this.frame = frame;
        this.clientId = clientId;
        this.realClientAddress = realClientAddress;
        this.api = api;
        this.sessionLoader = sessionLoader;
    }

    /** Loads a client's session for a callback (GatewayWorker §8). */
    interface SessionLoader {
        Map<String, Object> load(EventContext context, byte[] ext);
    }

    /**
     * Whether this event was sent before to a worker that went away without confirming it (at-least-once delivery,
     * {@link DeliveryGuarantee}): that worker may or may not have acted on it, so a handler with side effects checks
     * whether it did. Never true with PHP gateways.
     */
    public boolean isRedelivery() {
        return GatewayFlags.isRedelivery(frame.flag());
    }

    /** The client's id ({@code Context::$client_id}). */
    @Override
    public String clientId() {
        return clientId;
    }

    /**
     * The client's address as text. For an IPv6 client it is the real IPv6 address (our gateways pass it along
     * with the connect event) while {@link #clientIpValue()} stays 0 as on the wire; {@code 0.0.0.0} when the
     * gateway is a PHP one.
     */
    public String clientIp() {
        return realClientAddress != null ? realClientAddress : Ipv4.toString(frame.clientIp());
    }

    /** The client's IPv4 address as PHP's {@code ip2long} ({@code Context::$client_ip}). */
    public long clientIpValue() {
        return Integer.toUnsignedLong(frame.clientIp());
    }

    public int clientPort() {
        return frame.clientPort();
    }

    /** The gateway's lanIp ({@code GATEWAY_ADDR}). */
    public String gatewayIp() {
        return Ipv4.toString(frame.localIp());
    }

    /** The gateway's lanIp as {@code ip2long} ({@code Context::$local_ip}). */
    public long gatewayIpValue() {
        return Integer.toUnsignedLong(frame.localIp());
    }

    /** The gateway's inner port ({@code Context::$local_port}). */
    public int gatewayInnerPort() {
        return frame.localPort();
    }

    /** The gateway's public port the client connected to ({@code GATEWAY_PORT}). */
    public int gatewayPort() {
        return frame.gatewayPort();
    }

    /** {@code "lanIp:innerPort"} of the client's gateway. */
    public String gatewayAddress() {
        return gatewayIp() + ':' + gatewayInnerPort();
    }

    /** The connection id within the gateway ({@code Context::$connection_id}). */
    public long connectionId() {
        return frame.connectionIdUnsigned();
    }

    /** GatewayWorker's per-event {@code $_SERVER}: REMOTE_ADDR, REMOTE_PORT, GATEWAY_ADDR, GATEWAY_PORT, GATEWAY_CLIENT_ID. */
    public Map<String, Object> serverVariables() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("REMOTE_ADDR", clientIp());
        server.put("REMOTE_PORT", (long) clientPort());
        server.put("GATEWAY_ADDR", gatewayIp());
        server.put("GATEWAY_PORT", (long) gatewayPort());
        server.put("GATEWAY_CLIENT_ID", clientId);
        return server;
    }

    /** The WebSocket handshake data in {@code onWebSocketConnect}, else null. */
    public @Nullable Map<String, Object> webSocketData() {
        return webSocketData;
    }

    void webSocketData(Map<String, Object> data) {
        this.webSocketData = data;
    }

    /** The event's command code ({@link GatewayCommand}). */
    public int eventType() {
        return frame.cmd();
    }

    /**
     * The client's session ({@code $_SESSION}), mutable; changes are saved to the gateway after the callback (not in
     * {@code onClose}). Empty when none was set.
     */
    public Map<String, Object> session() {
        if (session == null) {
            session = sessionLoader.load(this, frame.ext());
            sessionSnapshot = deepCopy(session);
        }
        return session;
    }

    /** The Gateway API; {@code *CurrentClient} methods address this client. */
    public GatewayApi api() {
        return api;
    }

    @Override
    public void sessionReplaced(Map<String, Object> newSession) {
        session = newSession == null ? new LinkedHashMap<>() : new LinkedHashMap<>(newSession);
        sessionSnapshot = deepCopy(session);
    }

    @Override
    public void sessionMerged(Map<String, Object> partial) {
        Map<String, Object> merged = stringKeys(PhpArrays.replaceRecursive(session(), partial));
        session = merged;
        sessionSnapshot = deepCopy(merged);
    }

    GatewayFrame frame() {
        return frame;
    }

    /** The session to write back, or null when the callback did not change it (or never looked at it). */
    @Nullable Map<String, Object> changedSession() {
        if (session == null || session.equals(sessionSnapshot)) {
            return null;
        }
        return session;
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        return (Map<String, Object>) DeepCopy.of(map);
    }
}
