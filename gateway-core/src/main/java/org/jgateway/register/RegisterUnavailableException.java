package org.jgateway.register;

import org.jgateway.discovery.DiscoveryUnavailableException;
import org.jspecify.annotations.Nullable;

/** No register provided the gateway list in time: none reachable, or all rejected us. */
public class RegisterUnavailableException extends DiscoveryUnavailableException {

    public RegisterUnavailableException(String message) {
        super(message);
    }

    public RegisterUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
