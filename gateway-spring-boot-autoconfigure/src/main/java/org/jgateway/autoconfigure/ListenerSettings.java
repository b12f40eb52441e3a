package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jgateway.gateway.listener.ClientProtocol;

/**
 * A configured listener with its defaults resolved, and the property prefix it came from so that errors name it.
 *
 * @param name     the listener's name: its key in {@code gateway.listeners}
 * @param index    the listener's position in declaration order, which decides its inner port
 * @param listener the configured values
 */
record ListenerSettings(String name, int index, GatewayProperties.Listener listener) {

    /** The listener a gateway role gets when none is configured: GatewayWorker's demo WebSocket port. */
    static final int DEFAULT_PORT = 7272;

    /** Name of the default listener; setting {@code gateway.listeners.websocket.port} alone moves it. */
    static final String DEFAULT_NAME = "websocket";

    /** Names become property names ({@code local.gateway.listeners.NAME.port}) and tags: no dots or brackets. */
    static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** The listeners of the gateway role, or the default WebSocket listener when none is configured. */
    static List<ListenerSettings> of(GatewayProperties properties) {
        Map<String, GatewayProperties.Listener> configured = properties.getListeners();
        List<ListenerSettings> settings = new ArrayList<>();
        if (configured.isEmpty()) {
            GatewayProperties.Listener listener = new GatewayProperties.Listener();
            listener.setProtocol(ClientProtocol.WEBSOCKET);
            listener.setPort(DEFAULT_PORT);
            settings.add(new ListenerSettings(DEFAULT_NAME, 0, listener));
            return settings;
        }
        configured.forEach((name, listener) -> settings.add(new ListenerSettings(name, settings.size(), listener)));
        return settings;
    }

    /** The listener's own property, {@code gateway.listeners.NAME} (bracketed when the name is not a plain key). */
    String prefix() {
        return VALID_NAME.matcher(name).matches() ? "gateway.listeners." + name : "gateway.listeners[" + name + "]";
    }

    /** The full name of one of this listener's properties, e.g. {@code gateway.listeners.ws.port}. */
    String property(String property) {
        return prefix() + "." + property;
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
