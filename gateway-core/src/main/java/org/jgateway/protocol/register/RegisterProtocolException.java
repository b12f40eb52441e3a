package org.jgateway.protocol.register;

import org.jgateway.protocol.ProtocolException;

/** A line that is not a valid register message: not JSON, not an object, unknown event, missing or mistyped field. */
public class RegisterProtocolException extends ProtocolException {

    public RegisterProtocolException(String message) {
        super(message);
    }

    public RegisterProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
