package org.jgateway.spring.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One handler method, ready to call: its bean, the method to invoke on it (on the proxy when the bean is one) and
 * the argument resolvers chosen at startup, so that an event costs no reflective lookup.
 */
final class EventHandlerMethod {

    private final Object bean;
    private final Method method;
    private final String description;
    private final GatewayEvent event;
    private final String messageType;
    private final ArgumentResolver[] resolvers;
    private final ReplySender replySender;

    /**
     * @param messageType the routing value of a typed {@code @OnMessage} method, else null
     * @param replySender sends the return value to the client; null when the method returns void
     */
    EventHandlerMethod(Object bean, Method method, String description, GatewayEvent event, String messageType,
            ArgumentResolver[] resolvers, ReplySender replySender) {
        this.bean = bean;
        this.method = method;
        this.description = description;
        this.event = event;
        this.messageType = messageType;
        this.resolvers = resolvers;
        this.replySender = replySender;
    }

    GatewayEvent event() {
        return event;
    }

    String messageType() {
        return messageType;
    }

    /** {@code Bean.method(ParameterTypes)}. */
    String description() {
        return description;
    }

    /** Calls the method; what it throws propagates as it is, so that the worker logs and counts the real failure. */
    void invoke(EventInvocation invocation) {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < resolvers.length; i++) {
            args[i] = resolvers[i].resolve(invocation);
        }
        Object result;
        try {
            result = method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Handler method " + description + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Handler method " + description + " is not accessible", e);
        }
        if (replySender != null) {
            replySender.send(result, invocation.context());
        }
    }

    @Override
    public String toString() {
        return event.annotationName() + (messageType != null ? "(type = \"" + messageType + "\")" : "") + " "
                + description;
    }
}
