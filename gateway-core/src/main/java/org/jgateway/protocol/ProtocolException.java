package org.jgateway.protocol;

/** A peer broke the gateway or register protocol; the connection it came from is closed. */
public class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
