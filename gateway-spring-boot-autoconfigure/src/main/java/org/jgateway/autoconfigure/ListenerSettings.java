package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgateway.gateway.listener.ClientProtocol;

/**
 * A configured listener with its defaults resolved, and the property prefix it came from so that errors name it.
 *
 * @param name     the listener's name (its protocol when not configured)
 * @param prefix   {@code gateway.listeners[i]}, or {@code gateway.listeners} for the implicit default listener
 * @param index    the listener's position, which decides its inner port
 * @param listener the configured values
 */
record ListenerSettings(String name, String prefix, int index, GatewayProperties.Listener listener) {

    /** The listener a gateway role gets when none is configured: GatewayWorker's demo WebSocket port. */
    static final int DEFAULT_PORT = 7272;

    /** The listeners of the gateway role, or the default WebSocket listener when none is configured. */
    static List<ListenerSettings> of(GatewayProperties properties) {
        List<GatewayProperties.Listener> configured = properties.getListeners();
        List<ListenerSettings> settings = new ArrayList<>();
        if (configured.isEmpty()) {
            GatewayProperties.Listener listener = new GatewayProperties.Listener();
            listener.setProtocol(ClientProtocol.WEBSOCKET);
            listener.setPort(DEFAULT_PORT);
            settings.add(new ListenerSettings(defaultName(ClientProtocol.WEBSOCKET), "gateway.listeners", 0, listener));
            return settings;
        }
        for (int i = 0; i < configured.size(); i++) {
            GatewayProperties.Listener listener = configured.get(i);
            String name = listener.getName() != null ? listener.getName() : defaultName(listener.getProtocol());
            settings.add(new ListenerSettings(name, "gateway.listeners[" + i + "]", i, listener));
        }
        return settings;
    }

    private static String defaultName(ClientProtocol protocol) {
        return protocol == null ? "gateway" : protocol.name().toLowerCase(Locale.ROOT);
    }

    /** The full name of one of this listener's properties, e.g. {@code gateway.listeners[0].port}. */
    String property(String name) {
        return prefix + "." + name;
    }

    /** The configured inner port, or start-port + index (0 when start-port is 0). */
    int innerPort(int startPort) {
        Integer explicit = listener.getInnerPort();
        if (explicit != null) {
            return explicit;
        }
        return startPort == 0 ? 0 : startPort + index;
    }
}
