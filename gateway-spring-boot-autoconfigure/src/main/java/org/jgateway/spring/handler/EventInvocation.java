package org.jgateway.spring.handler;

import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;

/**
 * What one event offers the parameters of its handler methods. Client events carry an {@link EventContext}, worker
 * events a {@link BusinessWorker}; the validation at startup guarantees a method only asks for what its event has.
 */
final class EventInvocation {

    private final EventContext context;
    private final BusinessWorker worker;
    private final Map<String, Object> handshakeData;
    private final MessagePayload message;

    private EventInvocation(EventContext context, BusinessWorker worker, Map<String, Object> handshakeData,
            MessagePayload message) {
        this.context = context;
        this.worker = worker;
        this.handshakeData = handshakeData;
        this.message = message;
    }

    static EventInvocation ofWorker(BusinessWorker worker) {
        return new EventInvocation(null, worker, null, null);
    }

    static EventInvocation ofClient(EventContext context) {
        return new EventInvocation(context, null, null, null);
    }

    static EventInvocation ofHandshake(EventContext context, Map<String, Object> handshakeData) {
        return new EventInvocation(context, null, handshakeData, null);
    }

    static EventInvocation ofMessage(EventContext context, MessagePayload message) {
        return new EventInvocation(context, null, null, message);
    }

    EventContext context() {
        return context;
    }

    BusinessWorker worker() {
        return worker;
    }

    Map<String, Object> handshakeData() {
        return handshakeData;
    }

    MessagePayload message() {
        return message;
    }

    GatewayApi api() {
        return context != null ? context.api() : worker.api();
    }
}
