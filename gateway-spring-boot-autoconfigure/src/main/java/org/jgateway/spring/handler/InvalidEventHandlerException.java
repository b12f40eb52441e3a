package org.jgateway.spring.handler;

/**
 * A {@link org.jgateway.spring.annotation.GatewayEventHandler @GatewayEventHandler} method that cannot be called as
 * declared. Thrown while the handlers are inspected, so that the application fails to start; the message names the
 * method ({@code Bean.method(ParameterTypes)}), what is wrong and how to fix it.
 */
public class InvalidEventHandlerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public InvalidEventHandlerException(String message) {
        super(message);
    }

    public InvalidEventHandlerException(String message, Throwable cause) {
        super(message, cause);
    }
}
