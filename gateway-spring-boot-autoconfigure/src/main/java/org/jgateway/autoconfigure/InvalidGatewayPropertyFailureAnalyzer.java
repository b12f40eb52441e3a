package org.jgateway.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link InvalidGatewayPropertyException} the way Spring Boot explains a failed property binding. */
public class InvalidGatewayPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidGatewayPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidGatewayPropertyException cause) {
        String description = "Invalid JGateway configuration:\n\n"
                + "    Property: " + cause.getPropertyName() + "\n"
                + "    Value: \"" + cause.getValue() + "\"\n"
                + "    Reason: " + cause.getReason() + "\n";
        return new FailureAnalysis(description, "Update " + cause.getPropertyName() + ": " + cause.getAction(), cause);
    }
}
