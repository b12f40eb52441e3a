package org.jgateway.autoconfigure;

import org.jgateway.register.RegisterServer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Starts the register first and stops it last, so that the gateways and workers of this process find it when they
 * start and keep it while they leave. Publishes the bound port as {@code local.gateway.register.port}.
 */
public class RegisterServerLifecycle implements SmartLifecycle, DisposableBean {

    /** Before the gateway and the worker, and (stopping) after them. */
    public static final int PHASE = GatewayServerLifecycle.PHASE - 1024;

    private final RegisterServer register;
    private final Environment environment;
    private boolean started;
    private boolean stopped;

    public RegisterServerLifecycle(RegisterServer register, Environment environment) {
        this.register = register;
        this.environment = environment;
    }

    /**
     * Binds the register if not yet done. Also called before the lifecycle starts when another role of this process
     * needs the actual port of an ephemeral register.
     */
    @Override
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        if (!register.isRunning()) {
            // An application may hand us a register it already started.
            register.start();
        }
        started = true;
        LocalGatewayPorts.publish(environment, LocalGatewayPorts.REGISTER_PORT, register.port());
    }

    /** The address the register binds to. */
    public String host() {
        return register.options().host();
    }

    /**
     * The port the register listens on. A configured port is known at once; an ephemeral one is bound now if the
     * lifecycle has not started the register yet.
     */
    public synchronized int port() {
        int configured = register.options().port();
        if (configured != 0) {
            return configured;
        }
        start();
        return register.port();
    }

    @Override
    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            register.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return started && !stopped;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Closes a register whose context failed to refresh, which the lifecycle would never stop. */
    @Override
    public void destroy() {
        stop();
    }
}
