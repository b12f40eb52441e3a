package org.jgateway.client;

import org.jspecify.annotations.Nullable;

/** A Gateway API call could not be carried out. */
public class GatewayException extends RuntimeException {

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(@Nullable String message, Throwable cause) {
        super(message, cause);
    }
}
