package org.jgateway.worker;

import java.util.Map;
import org.jgateway.protocol.GatewayCommand;

/** The client events a gateway forwards to a worker, each delivered to one {@link WorkerEventHandler} callback. */
public enum ClientEvent {

    /** {@link WorkerEventHandler#onConnect(EventContext)}. */
    CONNECT("onConnect", EventContext.class),

    /** {@link WorkerEventHandler#onWebSocketConnect(EventContext, Map)}. */
    WEBSOCKET_CONNECT("onWebSocketConnect", EventContext.class, Map.class),

    /** {@link WorkerEventHandler#onMessage(EventContext, byte[])}. */
    MESSAGE("onMessage", EventContext.class, byte[].class),

    /** {@link WorkerEventHandler#onClose(EventContext)}. */
    CLOSE("onClose", EventContext.class);

    private final String callback;
    private final Class<?>[] parameters;

    ClientEvent(String callback, Class<?>... parameters) {
        this.callback = callback;
        this.parameters = parameters;
    }

    /** The event an inner-protocol command carries (per event: a switch, where {@code values()} would copy an array). */
    static ClientEvent of(int command) {
        return switch (command) {
            case GatewayCommand.ON_CONNECT -> CONNECT;
            case GatewayCommand.ON_WEBSOCKET_CONNECT -> WEBSOCKET_CONNECT;
            case GatewayCommand.ON_MESSAGE -> MESSAGE;
            case GatewayCommand.ON_CLOSE -> CLOSE;
            default -> throw new IllegalArgumentException("not a client event: " + GatewayCommand.nameOf(command));
        };
    }

    /** Whether {@code handler}'s class implements this event's callback rather than inheriting the empty default. */
    boolean isImplementedBy(WorkerEventHandler handler) {
        try {
            return handler.getClass().getMethod(callback, parameters).getDeclaringClass() != WorkerEventHandler.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(callback + " is a WorkerEventHandler method", e);
        }
    }
}
