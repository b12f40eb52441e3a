package org.jgateway.register;

/** No register provided the gateway list in time: none reachable, or all rejected us. */
public class RegisterUnavailableException extends RuntimeException {

    public RegisterUnavailableException(String message) {
        super(message);
    }

    public RegisterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
