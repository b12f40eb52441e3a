package org.jgateway.spring.context;

import java.time.Duration;
import org.jgateway.gateway.GatewayServer;

/**
 * The first step of the gateway's orderly stop, before the worker of this process leaves: the gateway stops reading
 * from its clients and waits until the workers connected over the network confirmed what they have
 * ({@link GatewayServer#drain(Duration)}). The worker of this process then handles what it received, and the gateway
 * ({@link GatewayServerLifecycle}) writes the replies, says goodbye and closes the clients. Nothing a client sent is
 * read and then dropped.
 */
public class GatewayDrainLifecycle extends RoleLifecycle {

    /** Stopping: after the web server, before the worker. */
    public static final int PHASE = BusinessWorkerLifecycle.PHASE + 512;

    private final GatewayServer gateway;
    private final Duration timeout;

    /** @param timeout how long to wait for the workers' confirmations ({@code gateway.shutdown-drain-timeout}) */
    public GatewayDrainLifecycle(GatewayServer gateway, Duration timeout) {
        super(PHASE);
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** Nothing to start: the gateway starts in {@link GatewayServerLifecycle}'s phase. */
    @Override
    protected void startRole() {
    }

    @Override
    protected void stopRole() {
        gateway.drain(timeout);
    }
}
