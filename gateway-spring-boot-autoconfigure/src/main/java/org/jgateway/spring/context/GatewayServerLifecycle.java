package org.jgateway.spring.context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jgateway.gateway.GatewayServer;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Starts the gateway after the register and stops it after the worker of this process left, so that the worker's
 * in-flight events can still be answered (the gateway stopped reading from clients before that, in
 * {@link GatewayDrainLifecycle}). Publishes a {@link GatewayServerInitializedEvent} once every listener is
 * bound.
 */
public class GatewayServerLifecycle extends RoleLifecycle {

    /** Before the worker, and (stopping) after it. */
    public static final int PHASE = BusinessWorkerLifecycle.PHASE - 1024;

    private final GatewayServer gateway;
    private final ApplicationEventPublisher events;
    private final byte[] shutdownMessage;
    private final Duration shutdownTimeout;
    private final Duration drainTimeout;

    public GatewayServerLifecycle(GatewayServer gateway, ApplicationEventPublisher events) {
        this(gateway, events, "", Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param shutdownMessage sent to every client when stopping; empty for none
     * @param shutdownTimeout how long stopping waits for the clients' last messages to be written
     * @param drainTimeout how long stopping waits, once the clients are no longer read, for the workers'
     *        confirmations (see {@link GatewayDrainLifecycle})
     */
    public GatewayServerLifecycle(GatewayServer gateway, ApplicationEventPublisher events, String shutdownMessage,
            Duration shutdownTimeout, Duration drainTimeout) {
        super(PHASE);
        this.gateway = gateway;
        this.events = events;
        this.shutdownMessage = shutdownMessage == null || shutdownMessage.isEmpty() ? null
                : shutdownMessage.getBytes(StandardCharsets.UTF_8);
        this.shutdownTimeout = shutdownTimeout;
        this.drainTimeout = drainTimeout;
    }

    @Override
    protected void startRole() {
        gateway.start();
        events.publishEvent(new GatewayServerInitializedEvent(gateway));
    }

    /**
     * Stops reading from clients and waits for the workers' confirmations (done already, before this process's
     * worker left, when {@link GatewayDrainLifecycle} ran), sends the shutdown message (if any) and closes the
     * clients once their last messages are written, then closes the worker connections and leaves the registers.
     */
    @Override
    protected void stopRole() {
        gateway.drain(drainTimeout);
        gateway.shutdown(shutdownMessage, shutdownTimeout);
    }
}
