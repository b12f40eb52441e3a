package org.jgateway.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.Ipv4;
import org.jgateway.register.HostAndPort;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link GatewayProperties} at startup, so that a mistake fails fast with the property to fix instead of
 * surfacing later as endless reconnects or a bind error. SSL bundle names are checked when the listeners are built,
 * where the bundles are known.
 */
final class GatewayPropertiesValidator {

    private final GatewayProperties properties;

    GatewayPropertiesValidator(GatewayProperties properties) {
        this.properties = properties;
    }

    void validate() {
        MachineType machineType = machineType();
        validateCommon();
        if (machineType.has(GatewayRole.GATEWAY)) {
            validateGateway();
        }
        if (machineType.has(GatewayRole.WORKER)) {
            validateWorker();
        }
        validatePorts(machineType);
    }

    private MachineType machineType() {
        try {
            return MachineType.parse(properties.getMachineType());
        } catch (IllegalArgumentException e) {
            throw new InvalidGatewayPropertyException("gateway.machine-type", properties.getMachineType(),
                    e.getMessage(), "use register, gateway and worker separated by commas, \"all\", or leave it empty "
                            + "for a process that only uses the Gateway API", e);
        }
    }

    private void validateCommon() {
        if (!Ipv4.isValid(properties.getLanIp())) {
            throw new InvalidGatewayPropertyException("gateway.lan-ip", properties.getLanIp(),
                    "not an IPv4 address (it is packed into every client_id)",
                    "give the IPv4 address of this machine on the LAN, e.g. 10.0.0.5 (127.0.0.1 on a single box)");
        }
        List<String> addresses = properties.getRegisterAddress();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            try {
                HostAndPort.parse(address);
            } catch (IllegalArgumentException e) {
                throw new InvalidGatewayPropertyException("gateway.register-address[" + i + "]", address,
                        e.getMessage(), "give host:port of a register, e.g. 10.0.0.1:1236; list several registers as "
                                + "separate entries", e);
            }
        }
        if (properties.getSecretKey() == null) {
            throw new InvalidGatewayPropertyException("gateway.secret-key", null, "must not be null",
                    "leave it empty for no secret");
        }
        if (properties.getEventLoopThreads() < 0) {
            throw new InvalidGatewayPropertyException("gateway.event-loop-threads", properties.getEventLoopThreads(),
                    "must not be negative", "give a number of threads, or 0 for one per core");
        }
        positive("gateway.client.connect-timeout", properties.getClient().getConnectTimeout());
        positive("gateway.client.query-timeout", properties.getClient().getQueryTimeout());
    }

    private void validateGateway() {
        // Names differing only in case would collide in metric tags and in relaxed local.gateway.* lookups. It is also
        // what an environment variable leaves behind for an upper-case name: relaxed binding lower-cases the key.
        Map<String, String> names = new HashMap<>();
        for (ListenerSettings listener : ListenerSettings.of(properties)) {
            String lowerCase = listener.name().toLowerCase(Locale.ROOT);
            String previous = names.putIfAbsent(lowerCase, listener.name());
            if (previous != null) {
                throw new InvalidGatewayPropertyException(listener.prefix(), listener.name(),
                        "the listener '" + previous + "' has the same name in another case (environment variables "
                                + "such as GATEWAY_LISTENERS_" + lowerCase.toUpperCase(Locale.ROOT)
                                + "_PORT name listeners in lower case)",
                        "declare the listener with a lower-case name ('" + lowerCase + "'), and give every listener "
                                + "a name of its own ignoring case");
            }
            validateListener(listener);
        }
        port("gateway.start-port", properties.getStartPort());
        int listenerCount = Math.max(1, properties.getListeners().size());
        if (properties.getStartPort() > 0 && properties.getStartPort() + listenerCount - 1 > 65535) {
            throw new InvalidGatewayPropertyException("gateway.start-port", properties.getStartPort(),
                    "the last of the " + listenerCount + " listeners would get an inner port above 65535",
                    "choose a lower start port");
        }
        String bind = properties.getInnerBindAddress();
        if (bind != null && bind.isBlank()) {
            throw new InvalidGatewayPropertyException("gateway.inner-bind-address", bind, "must not be blank",
                    "remove it to bind lan-ip, or give an address such as 0.0.0.0");
        }
        notNegative("gateway.ping-interval", properties.getPingInterval());
        if (properties.getPingNotResponseLimit() < 0) {
            throw new InvalidGatewayPropertyException("gateway.ping-not-response-limit",
                    properties.getPingNotResponseLimit(), "must not be negative", "use 0 to never close silent clients");
        }
        bufferSize("gateway.send-to-client-buffer-size", properties.getSendToClientBufferSize());
        bufferSize("gateway.send-to-worker-buffer-size", properties.getSendToWorkerBufferSize());
        notNull("gateway.slow-consumer-policy", properties.getSlowConsumerPolicy(), "use drop or close");
        notNull("gateway.router", properties.getRouter(), "use least-connections or random");
        notNegative("gateway.hold-timeout", properties.getHoldTimeout());
        if (properties.getMaxHeldEventsPerClient() < 1) {
            throw new InvalidGatewayPropertyException("gateway.max-held-events-per-client",
                    properties.getMaxHeldEventsPerClient(), "must be at least 1", "give a positive number of events");
        }
    }

    private void validateListener(ListenerSettings settings) {
        GatewayProperties.Listener listener = settings.listener();
        if (!ListenerSettings.VALID_NAME.matcher(settings.name()).matches()) {
            throw new InvalidGatewayPropertyException(settings.prefix(), settings.name(),
                    "a listener name may contain only letters, digits, '-' and '_' (it becomes part of "
                            + "local.gateway.listeners.NAME.port and of metric tags)",
                    "rename the listener, e.g. gateway.listeners.ws.port");
        }
        if (listener == null) {
            throw new InvalidGatewayPropertyException(settings.prefix(), null, "the listener has no settings",
                    "set at least its port, e.g. " + settings.property("port") + "=7272");
        }
        notNull(settings.property("protocol"), listener.getProtocol(), "use websocket, text, frame or tcp");
        if (listener.getHost() == null || listener.getHost().isBlank()) {
            throw new InvalidGatewayPropertyException(settings.property("host"), listener.getHost(),
                    "must not be blank", "give the address to bind, e.g. 0.0.0.0 for every interface");
        }
        if (listener.getPort() == null) {
            throw new InvalidGatewayPropertyException(settings.property("port"), null, "a listener needs a port",
                    "set the port clients connect to, or 0 for an ephemeral port");
        }
        port(settings.property("port"), listener.getPort());
        if (listener.getInnerPort() != null) {
            port(settings.property("inner-port"), listener.getInnerPort());
        }
        String path = listener.getWebsocketPath();
        if (path != null && (listener.getProtocol() != ClientProtocol.WEBSOCKET || !path.startsWith("/")
                || path.indexOf('?') >= 0)) {
            throw new InvalidGatewayPropertyException(settings.property("websocket-path"), path,
                    listener.getProtocol() != ClientProtocol.WEBSOCKET ? "only a websocket listener has a path"
                            : "must start with '/' and have no query",
                    "give a path such as /chat, or remove the property");
        }
        DataSize size = listener.getMaxMessageSize();
        if (size == null || size.toBytes() < 1 || size.toBytes() > ListenerOptions.MAX_MESSAGE_SIZE_LIMIT) {
            throw new InvalidGatewayPropertyException(settings.property("max-message-size"), size,
                    "must be between 1B and " + ListenerOptions.MAX_MESSAGE_SIZE_LIMIT + "B", "give a size such as 1MB");
        }
        notNull(settings.property("websocket-frame-type"), listener.getWebsocketFrameType(), "use text or binary");
        positive(settings.property("handshake-timeout"), listener.getHandshakeTimeout());
        if (listener.getPingInterval() != null) {
            notNegative(settings.property("ping-interval"), listener.getPingInterval());
        }
        if (listener.getPingNotResponseLimit() != null && listener.getPingNotResponseLimit() < 0) {
            throw new InvalidGatewayPropertyException(settings.property("ping-not-response-limit"),
                    listener.getPingNotResponseLimit(), "must not be negative",
                    "use 0 to never close silent clients, or remove it for gateway.ping-not-response-limit");
        }
        if (listener.getSslBundle() != null && listener.getSslBundle().isBlank()) {
            throw new InvalidGatewayPropertyException(settings.property("ssl-bundle"), listener.getSslBundle(),
                    "must not be blank", "name a bundle of spring.ssl.bundle.*, or remove the property for plain TCP");
        }
    }

    private void validateWorker() {
        GatewayProperties.Worker worker = properties.getWorker();
        String name = worker.getName();
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new InvalidGatewayPropertyException("gateway.worker.name", name, "must be non-blank without ':'",
                    "give a name such as ChatWorker");
        }
        if (worker.getConcurrency() != null && worker.getConcurrency() < 1) {
            throw new InvalidGatewayPropertyException("gateway.worker.concurrency", worker.getConcurrency(),
                    "must be at least 1", "give a number of handler threads, or remove it for the default");
        }
        if (worker.getMaxPendingEvents() < 1) {
            throw new InvalidGatewayPropertyException("gateway.worker.max-pending-events",
                    worker.getMaxPendingEvents(), "must be at least 1", "give a positive number of events");
        }
        notNegative("gateway.worker.stop-timeout", worker.getStopTimeout());
        if (worker.isRunOnEventLoop() && worker.isVirtualThreads()) {
            throw new InvalidGatewayPropertyException("gateway.worker.run-on-event-loop", true,
                    "excludes gateway.worker.virtual-threads=true", "choose one place for the handlers to run");
        }
    }

    /** Two sockets of this process on one fixed port cannot both bind: say which two properties collide. */
    private void validatePorts(MachineType machineType) {
        Map<Integer, String> ports = new HashMap<>();
        if (machineType.has(GatewayRole.REGISTER)) {
            if (properties.getRegister().getHost() == null || properties.getRegister().getHost().isBlank()) {
                throw new InvalidGatewayPropertyException("gateway.register.host", properties.getRegister().getHost(),
                        "must not be blank", "give the address to bind, e.g. 0.0.0.0 for every interface");
            }
            port("gateway.register.port", properties.getRegister().getPort());
            claim(ports, properties.getRegister().getPort(), "gateway.register.port");
        }
        if (machineType.has(GatewayRole.GATEWAY)) {
            for (ListenerSettings listener : ListenerSettings.of(properties)) {
                claim(ports, listener.listener().getPort(), listener.property("port"));
                claim(ports, listener.innerPort(properties.getStartPort()),
                        listener.listener().getInnerPort() != null ? listener.property("inner-port")
                                : "gateway.start-port (inner port of " + listener.prefix() + ")");
            }
        }
    }

    private static void claim(Map<Integer, String> ports, int port, String property) {
        if (port == 0) {
            return;
        }
        String previous = ports.putIfAbsent(port, property);
        if (previous != null) {
            throw new InvalidGatewayPropertyException(property, port, "port " + port + " is also used by " + previous,
                    "give every register, listener and inner port of this process its own port (0 for ephemeral)");
        }
    }

    private static void port(String property, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidGatewayPropertyException(property, port, "not a port number",
                    "give a port from 1 to 65535, or 0 for an ephemeral port");
        }
    }

    private static void positive(String property, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new InvalidGatewayPropertyException(property, duration, "must be positive",
                    "give a duration such as 3s or 500ms");
        }
    }

    private static void notNegative(String property, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new InvalidGatewayPropertyException(property, duration, "must not be negative",
                    "give a duration such as 5s, or 0");
        }
    }

    private static void bufferSize(String property, DataSize size) {
        if (size == null || size.toBytes() < 1024 || size.toBytes() > Integer.MAX_VALUE) {
            throw new InvalidGatewayPropertyException(property, size, "must be between 1KB and 2GB",
                    "give a size such as 1MB");
        }
    }

    private static void notNull(String property, Object value, String action) {
        if (value == null) {
            throw new InvalidGatewayPropertyException(property, null, "must be set", action);
        }
    }
}
