package org.jgateway.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jgateway.register.RegisterServer;

/**
 * Meters of a {@link RegisterServer}: {@code gateway.register.peers} (gauge, tag {@code role} = gateway | worker),
 * {@code gateway.register.connections} (gauge), {@code gateway.register.messages} (counter) and
 * {@code gateway.register.rejected} (counter, tag {@code reason} = auth_timeout | bad_request | wrong_secret).
 */
public class RegisterMetrics implements MeterBinder {

    private static final String PEERS =
            "Peers of the register: distinct gateway addresses listed, business workers and API clients connected";

    private final RegisterServer register;

    public RegisterMetrics(RegisterServer register) {
        this.register = Objects.requireNonNull(register, "register");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.register.peers", register, r -> r.stats().gatewayAddresses())
                .tag("role", "gateway")
                .description(PEERS)
                .register(registry);
        Gauge.builder("gateway.register.peers", register, r -> r.stats().workerConnections())
                .tag("role", "worker")
                .description(PEERS)
                .register(registry);
        Gauge.builder("gateway.register.connections", register, r -> r.stats().connections())
                .description("Open register connections, whatever their role")
                .register(registry);
        FunctionCounter.builder("gateway.register.messages", register, r -> r.stats().messages())
                .description("Messages the register received")
                .register(registry);
        rejected(registry, "auth_timeout", r -> r.stats().authTimeouts());
        rejected(registry, "bad_request", r -> r.stats().badRequests());
        rejected(registry, "wrong_secret", r -> r.stats().wrongSecrets());
    }

    private void rejected(MeterRegistry registry, String reason, ToDoubleFunction<RegisterServer> count) {
        FunctionCounter.builder("gateway.register.rejected", register, count)
                .tag("reason", reason)
                .description("Connections the register closed, by reason")
                .register(registry);
    }
}
