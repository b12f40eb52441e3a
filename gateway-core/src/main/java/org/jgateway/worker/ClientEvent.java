package org.jgateway.worker;

import java.util.Map;
import org.jgateway.protocol.GatewayCommand;

/** The client events a gateway forwards to a worker, each delivered to one {@link WorkerEventHandler} callback. */
public enum ClientEvent {

    /** {@link WorkerEventHandler#onConnect(EventContext)}. */
    CONNECT(GatewayCommand.ON_CONNECT, "onConnect", EventContext.class),

    /** {@link WorkerEventHandler#onWebSocketConnect(EventContext, Map)}. */
    WEBSOCKET_CONNECT(GatewayCommand.ON_WEBSOCKET_CONNECT, "onWebSocketConnect", EventContext.class, Map.class),

    /** {@link WorkerEventHandler#onMessage(EventContext, byte[])}. */
    MESSAGE(GatewayCommand.ON_MESSAGE, "onMessage", EventContext.class, byte[].class),

    /** {@link WorkerEventHandler#onClose(EventContext)}. */
    CLOSE(GatewayCommand.ON_CLOSE, "onClose", EventContext.class);

    private final int command;
    private final String callback;
    private final Class<?>[] parameters;

    ClientEvent(int command, String callback, Class<?>... parameters) {
        this.command = command;
        this.callback = callback;
        this.parameters = parameters;
    }

    /** The event an inner-protocol command carries. */
    static ClientEvent of(int command) {
        for (ClientEvent event : values()) {
            if (event.command == command) {
                return event;
            }
        }
        throw new IllegalArgumentException("not a client event: " + GatewayCommand.nameOf(command));
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
