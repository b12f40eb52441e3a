package org.jgateway.spring.handler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.ClientEvent;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link WorkerEventHandler} that dispatches the worker's events to the methods of
 * {@link org.jgateway.spring.annotation.GatewayEventHandler @GatewayEventHandler} beans: every method of an event in
 * handler order, a message to the method of its type or else to the catch-all methods. What a method throws
 * propagates to the worker, which logs and counts it; the event's remaining methods are skipped.
 * <p>
 * The handler beans are inspected once, eagerly with {@link #AnnotatedEventHandlerDispatcher(Collection, JsonMapper,
 * String)}, or with the deferred constructor when the singletons of the application context are all created: handler
 * beans can then depend on beans that themselves need this dispatcher (the worker, for instance) without a cycle.
 * Either way an invalid method fails the startup with an {@link InvalidEventHandlerException}.
 */
public class AnnotatedEventHandlerDispatcher implements WorkerEventHandler, SmartInitializingSingleton {

    /** The JSON field whose value routes a message to an {@code @OnMessage(type = ...)} method, by default. */
    public static final String DEFAULT_MESSAGE_TYPE_FIELD = "type";

    private static final Log logger = LogFactory.getLog(AnnotatedEventHandlerDispatcher.class);

    private final SingletonSupplier<EventHandlerMethods> methods;
    private final LongAdder unhandledMessages = new LongAdder();

    /**
     * Inspects {@code handlers} now.
     *
     * @param handlers         the handler beans, in the order their methods should run
     * @param jsonMapper       binds JSON messages to parameters and writes replies
     * @param messageTypeField the JSON field that routes messages to typed {@code @OnMessage} methods
     * @throws InvalidEventHandlerException for a method that cannot be called as declared
     */
    public AnnotatedEventHandlerDispatcher(Collection<?> handlers, JsonMapper jsonMapper, String messageTypeField) {
        this(() -> handlers, () -> jsonMapper, messageTypeField);
        this.methods.obtain();
    }

    /**
     * Inspects the handlers on {@link #afterSingletonsInstantiated()}, or on the first event if that comes first.
     *
     * @param handlers         supplies the handler beans, in the order their methods should run
     * @param jsonMapper       supplies the mapper that binds JSON messages to parameters and writes replies
     * @param messageTypeField the JSON field that routes messages to typed {@code @OnMessage} methods
     */
    public AnnotatedEventHandlerDispatcher(Supplier<? extends Collection<?>> handlers, Supplier<JsonMapper> jsonMapper,
            String messageTypeField) {
        Assert.notNull(handlers, "handlers must not be null");
        Assert.notNull(jsonMapper, "jsonMapper must not be null");
        Assert.hasText(messageTypeField, "messageTypeField must not be empty");
        this.methods = SingletonSupplier.of(() -> EventHandlerMethods.detect(handlers.get(),
                jsonMapper.get(), messageTypeField));
    }

    /** Inspects the handler beans, so that an invalid method fails the context's refresh. */
    @Override
    public void afterSingletonsInstantiated() {
        methods.obtain();
    }

    /** Messages that no method took: not of a handled type, and no catch-all {@code @OnMessage} method. */
    public long unhandledMessages() {
        return unhandledMessages.sum();
    }

    /** Events with no annotated method are not handed to the worker's threads; messages always are (to be counted). */
    @Override
    public boolean handles(ClientEvent event) {
        return switch (event) {
            case CONNECT -> !methods.obtain().forEvent(GatewayEvent.CONNECT).isEmpty();
            case WEBSOCKET_CONNECT -> !methods.obtain().forEvent(GatewayEvent.WEBSOCKET_CONNECT).isEmpty();
            case MESSAGE -> true;
            case CLOSE -> !methods.obtain().forEvent(GatewayEvent.CLOSE).isEmpty();
        };
    }

    @Override
    public void onWorkerStart(BusinessWorker worker) {
        invoke(methods.obtain().forEvent(GatewayEvent.WORKER_START), EventInvocation.ofWorker(worker));
    }

    @Override
    public void onConnect(EventContext context) {
        invoke(methods.obtain().forEvent(GatewayEvent.CONNECT), EventInvocation.ofClient(context));
    }

    @Override
    public void onWebSocketConnect(EventContext context, Map<String, Object> data) {
        invoke(methods.obtain().forEvent(GatewayEvent.WEBSOCKET_CONNECT), EventInvocation.ofHandshake(context, data));
    }

    @Override
    public void onMessage(EventContext context, byte[] message) {
        EventHandlerMethods all = methods.obtain();
        MessagePayload payload = all.payload(message);
        List<EventHandlerMethod> targets = all.forMessage(payload);
        if (targets.isEmpty()) {
            unhandledMessages.increment();
            if (logger.isDebugEnabled()) {
                logger.debug("No @OnMessage method for the message of client " + context.clientId() + " ("
                        + message.length + " bytes): dropped");
            }
            return;
        }
        invoke(targets, EventInvocation.ofMessage(context, payload));
    }

    @Override
    public void onClose(EventContext context) {
        invoke(methods.obtain().forEvent(GatewayEvent.CLOSE), EventInvocation.ofClient(context));
    }

    @Override
    public void onWorkerStop(BusinessWorker worker) {
        invoke(methods.obtain().forEvent(GatewayEvent.WORKER_STOP), EventInvocation.ofWorker(worker));
    }

    private static void invoke(List<EventHandlerMethod> targets, EventInvocation invocation) {
        for (EventHandlerMethod target : targets) {
            target.invoke(invocation);
        }
    }
}
