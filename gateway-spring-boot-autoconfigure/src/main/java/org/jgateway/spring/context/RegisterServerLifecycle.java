package org.jgateway.spring.context;

import org.jgateway.register.RegisterServer;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Starts the register first and stops it last, so that the gateways and workers of this process find it when they
 * start and keep it while they leave. Publishes a {@link RegisterServerInitializedEvent} once the port is bound.
 */
public class RegisterServerLifecycle extends RoleLifecycle {

    /** Before the gateway and the worker, and (stopping) after them. */
    public static final int PHASE = GatewayServerLifecycle.PHASE - 1024;

    private final RegisterServer register;
    private final ApplicationEventPublisher events;

    public RegisterServerLifecycle(RegisterServer register, ApplicationEventPublisher events) {
        super(PHASE);
        this.register = register;
        this.events = events;
    }

    /**
     * Binds the register if not yet done. Also run before the lifecycle starts (through {@link #port()}) when another
     * role of this process needs the actual port of an ephemeral register.
     */
    @Override
    protected void startRole() {
        if (!register.isRunning()) {
            // An application may hand us a register it already started.
            register.start();
        }
        events.publishEvent(new RegisterServerInitializedEvent(register));
    }

    @Override
    protected void stopRole() {
        register.close();
    }

    /** The address the register binds to. */
    public String host() {
        return register.options().host();
    }

    /**
     * The port the register listens on. A configured port is known at once; an ephemeral one is bound now if the
     * lifecycle has not started the register yet.
     */
    public int port() {
        int configured = register.options().port();
        if (configured != 0) {
            return configured;
        }
        start();
        return register.port();
    }
}
