package org.jgateway.autoconfigure;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Starts the gateway after the register and stops it after the worker of this process left, so that the worker's
 * in-flight events can still be answered. Publishes each listener's bound ports as
 * {@code local.gateway.listeners.NAME.port} and {@code .inner-port}.
 */
public class GatewayServerLifecycle implements SmartLifecycle, DisposableBean {

    /** Before the worker, and (stopping) after it. */
    public static final int PHASE = BusinessWorkerLifecycle.PHASE - 1024;

    private final GatewayServer gateway;
    private final Environment environment;
    private boolean running;
    private boolean closed;

    public GatewayServerLifecycle(GatewayServer gateway, Environment environment) {
        this.gateway = gateway;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        gateway.start();
        running = true;
        for (ListenerStatus listener : gateway.listeners()) {
            LocalGatewayPorts.publish(environment, LocalGatewayPorts.listenerPort(listener.name()), listener.port());
            LocalGatewayPorts.publish(environment, LocalGatewayPorts.listenerInnerPort(listener.name()),
                    listener.innerPort());
        }
    }

    /** Stops accepting clients, closes them and the worker connections, and leaves the registers. */
    @Override
    public synchronized void stop() {
        if (!closed) {
            closed = true;
            running = false;
            gateway.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        stop();
    }
}
