package org.jgateway.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jgateway.gateway.listener.ClientProtocol;
import org.springframework.core.env.Environment;

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

    /**
     * The listeners of the gateway role in declaration order (see {@link ListenerDeclarationOrder}; map order when
     * {@code environment} is null), or the default WebSocket listener when none is configured.
     *
     * @throws InvalidGatewayPropertyException for a name that cannot be a property name or tag, two names differing
     *                                         only in case, or a listener without a port
     */
    static List<ListenerSettings> of(GatewayProperties properties, Environment environment) {
        Map<String, GatewayProperties.Listener> configured = environment != null
                ? ListenerDeclarationOrder.sort(properties.getListeners(), environment) : properties.getListeners();
        List<ListenerSettings> settings = new ArrayList<>();
        if (configured.isEmpty()) {
            GatewayProperties.Listener listener = new GatewayProperties.Listener();
            listener.setProtocol(ClientProtocol.WEBSOCKET);
            listener.setPort(DEFAULT_PORT);
            settings.add(new ListenerSettings(DEFAULT_NAME, 0, listener));
            return settings;
        }
        // Names differing only in case would collide in metric tags and in relaxed local.gateway.* lookups. It is also
        // what an environment variable leaves behind for an upper-case name: relaxed binding lower-cases the key.
        Map<String, String> lowerCaseNames = new HashMap<>();
        configured.forEach((name, listener) -> {
            ListenerSettings listenerSettings = new ListenerSettings(name, settings.size(), listener);
            listenerSettings.checkName(lowerCaseNames);
            settings.add(listenerSettings);
        });
        return settings;
    }

    private void checkName(Map<String, String> lowerCaseNames) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new InvalidGatewayPropertyException(prefix(), name,
                    "a listener name may contain only letters, digits, '-' and '_' (it becomes part of "
                            + "local.gateway.listeners.NAME.port and of metric tags)",
                    "rename the listener, e.g. gateway.listeners.ws.port");
        }
        String lowerCase = name.toLowerCase(Locale.ROOT);
        String previous = lowerCaseNames.putIfAbsent(lowerCase, name);
        if (previous != null) {
            throw new InvalidGatewayPropertyException(prefix(), name, "the listener '" + previous + "' has the same "
                    + "name in another case (environment variables such as GATEWAY_LISTENERS_"
                    + lowerCase.toUpperCase(Locale.ROOT) + "_PORT name listeners in lower case)",
                    "declare the listener with a lower-case name ('" + lowerCase + "'), and give every listener a "
                            + "name of its own ignoring case");
        }
        if (listener == null) {
            throw new InvalidGatewayPropertyException(prefix(), null, "the listener has no settings",
                    "set at least its port, e.g. " + property("port") + "=7272");
        }
        if (listener.getPort() == null) {
            // The core's default port is 0 (ephemeral): a deployed listener must say where clients connect.
            throw new InvalidGatewayPropertyException(property("port"), null, "a listener needs a port",
                    "set the port clients connect to, or 0 for an ephemeral port");
        }
    }

    /** The listener's own property, {@code gateway.listeners.NAME} (bracketed when the name is not a plain key). */
    String prefix() {
        return VALID_NAME.matcher(name).matches() ? "gateway.listeners." + name : "gateway.listeners[" + name + "]";
    }

    /** The full name of one of this listener's properties, e.g. {@code gateway.listeners.ws.port}. */
    String property(String property) {
        return prefix() + "." + property;
    }
}
