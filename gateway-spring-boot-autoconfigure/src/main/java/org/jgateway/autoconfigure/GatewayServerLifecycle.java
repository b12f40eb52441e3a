package org.jgateway.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.springframework.core.env.Environment;

/**
 * Starts the gateway after the register and stops it after the worker of this process left, so that the worker's
 * in-flight events can still be answered. Publishes each listener's bound ports as
 * {@code local.gateway.listeners.NAME.port} and {@code .inner-port}.
 */
public class GatewayServerLifecycle extends RoleLifecycle {

    /** Before the worker, and (stopping) after it. */
    public static final int PHASE = BusinessWorkerLifecycle.PHASE - 1024;

    private final GatewayServer gateway;
    private final Environment environment;
    private final byte[] shutdownMessage;
    private final Duration shutdownTimeout;

    public GatewayServerLifecycle(GatewayServer gateway, Environment environment) {
        this(gateway, environment, "", Duration.ZERO);
    }

    /**
     * @param shutdownMessage sent to every client when stopping; empty for none
     * @param shutdownTimeout how long stopping waits for the clients' last messages to be written
     */
    public GatewayServerLifecycle(GatewayServer gateway, Environment environment, String shutdownMessage,
            Duration shutdownTimeout) {
        super(PHASE);
        this.gateway = gateway;
        this.environment = environment;
        this.shutdownMessage = shutdownMessage == null || shutdownMessage.isEmpty() ? null
                : shutdownMessage.getBytes(StandardCharsets.UTF_8);
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    protected void startRole() {
        gateway.start();
        for (ListenerStatus listener : gateway.listeners()) {
            LocalGatewayPorts.publish(environment, LocalGatewayPorts.listenerPort(listener.name()), listener.port());
            LocalGatewayPorts.publish(environment, LocalGatewayPorts.listenerInnerPort(listener.name()),
                    listener.innerPort());
        }
    }

    /**
     * Stops accepting clients, sends the shutdown message (if any) and closes them once their last messages are
     * written, then closes the worker connections and leaves the registers.
     */
    @Override
    protected void stopRole() {
        gateway.shutdown(shutdownMessage, shutdownTimeout);
    }
}
