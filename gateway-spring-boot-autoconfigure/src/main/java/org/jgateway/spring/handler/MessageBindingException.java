package org.jgateway.spring.handler;

/**
 * A message that cannot be converted to the message parameter of the handler method it was routed to (for example
 * text that is not JSON, for a {@code JsonNode} or POJO parameter). Like any handler failure, it is logged and counted
 * by the worker and the client stays connected.
 */
public class MessageBindingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
