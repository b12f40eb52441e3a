package org.jgateway.autoconfigure;

import org.jgateway.register.UnprotectedPortException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a register or gateway inner port that would have listened beyond loopback with no secret (protected
 * mode), naming the properties that fix it.
 */
public class UnprotectedPortFailureAnalyzer extends AbstractFailureAnalyzer<UnprotectedPortException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnprotectedPortException cause) {
        String bindProperty = cause.isRegister() ? "gateway.register.host" : "gateway.inner-bind-address";
        String description = "The JGateway " + cause.what() + " would listen on " + cause.host() + " (" + bindProperty
                + ") with no gateway.secret-key. Anyone who reaches "
                + (cause.isRegister() ? "the register could announce a gateway and draw the workers' traffic."
                        : "an inner port could act as a business worker: read every session, push to every client, "
                                + "close clients.");
        String action = "Set gateway.secret-key to the same secret on every register, gateway and worker (for "
                + "example secret-key: ${GATEWAY_SECRET_KEY} in application.yml, with the variable set), or bind "
                + bindProperty + " to a loopback address, or, for a cluster that must run without a secret (PHP "
                + "processes configured without one), set gateway.security.allow-no-secret=true: it is then logged "
                + "as a warning at every start.";
        return new FailureAnalysis(description, action, cause);
    }
}
