package org.jgateway.autoconfigure;

import org.jgateway.register.RegisterBindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a register that could not bind its port, usually because another register already runs there. */
public class RegisterBindFailureAnalyzer extends AbstractFailureAnalyzer<RegisterBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RegisterBindException cause) {
        String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        return new FailureAnalysis("The JGateway register could not bind " + cause.host() + ":" + cause.port() + ": "
                + reason + ".",
                "Stop the process already listening on port " + cause.port() + " (often another register), or set "
                        + "gateway.register.port (0 for an ephemeral port) or gateway.register.host, or run this "
                        + "process without the register role (gateway.machine-type).",
                cause);
    }
}
