package org.jgateway.autoconfigure;

import org.jgateway.gateway.GatewayBindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a gateway listener that could not bind its client or inner port, usually because another instance of the
 * application (or another server) already listens there.
 */
public class GatewayBindFailureAnalyzer extends AbstractFailureAnalyzer<GatewayBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GatewayBindException cause) {
        String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        String listener = "gateway.listeners." + cause.listener();
        String description = "The JGateway gateway listener '" + cause.listener() + "' could not bind its "
                + (cause.inner() ? "inner port (workers and API clients connect there) " : "client port ")
                + cause.host() + ":" + cause.port() + ": " + reason + ".";
        String action = cause.inner()
                ? "Stop the process already listening on port " + cause.port() + " (often another gateway), or set "
                        + listener + ".inner-port, or move every inner port with gateway.start-port (the listeners "
                        + "get start-port, start-port + 1... in declaration order; 0 for ephemeral ports), or "
                        + "gateway.inner-bind-address to bind another address."
                : "Stop the process already listening on port " + cause.port() + " (often another instance of "
                        + "this application), or set " + listener + ".port (0 for an ephemeral port) or "
                        + listener + ".host, or run this process without the gateway role (gateway.machine-type).";
        return new FailureAnalysis(description, action, cause);
    }
}
