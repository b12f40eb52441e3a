package org.jgateway.spring.handler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler methods of every handler bean, by event and message type, and how a message picks its methods.
 * Immutable once built; shared by all worker threads.
 */
final class EventHandlerMethods {

    private final Map<GatewayEvent, List<EventHandlerMethod>> byEvent;
    private final Map<String, EventHandlerMethod> byMessageType;
    private final JsonMapper jsonMapper;
    private final String messageTypeField;

    private EventHandlerMethods(Map<GatewayEvent, List<EventHandlerMethod>> byEvent,
            Map<String, EventHandlerMethod> byMessageType, JsonMapper jsonMapper, String messageTypeField) {
        this.byEvent = byEvent;
        this.byMessageType = byMessageType;
        this.jsonMapper = jsonMapper;
        this.messageTypeField = messageTypeField;
    }

    /**
     * @param handlers the handler beans, in the order their methods should run
     * @throws InvalidEventHandlerException for a method that cannot be called as declared, or a message type
     *                                      claimed by two methods
     */
    static EventHandlerMethods detect(Collection<?> handlers, JsonMapper jsonMapper, String messageTypeField) {
        EventHandlerMethodDetector detector = new EventHandlerMethodDetector(jsonMapper);
        Map<GatewayEvent, List<EventHandlerMethod>> byEvent = new EnumMap<>(GatewayEvent.class);
        for (GatewayEvent event : GatewayEvent.values()) {
            byEvent.put(event, new ArrayList<>());
        }
        Map<String, EventHandlerMethod> byMessageType = new HashMap<>();
        for (Object handler : handlers) {
            for (EventHandlerMethod method : detector.detect(handler)) {
                String type = method.messageType();
                if (type == null) {
                    byEvent.get(method.event()).add(method);
                    continue;
                }
                EventHandlerMethod previous = byMessageType.putIfAbsent(type, method);
                if (previous != null) {
                    throw new InvalidEventHandlerException("Invalid @OnMessage method " + method.description()
                            + ": message type \"" + type + "\" is already handled by " + previous.description()
                            + ". A type is routed to one method: remove or rename one of them.");
                }
            }
        }
        byEvent.replaceAll((event, methods) -> List.copyOf(methods));
        return new EventHandlerMethods(byEvent, Map.copyOf(byMessageType), jsonMapper, messageTypeField);
    }

    /** The methods of a non-message event (and the catch-all message methods), in order. */
    List<EventHandlerMethod> forEvent(GatewayEvent event) {
        return byEvent.get(event);
    }

    /** The typed method of the message's type if there is one, else the catch-all methods (maybe none). */
    List<EventHandlerMethod> forMessage(MessagePayload message) {
        if (!byMessageType.isEmpty()) {
            String type = message.routingValue(messageTypeField);
            EventHandlerMethod typed = type != null ? byMessageType.get(type) : null;
            if (typed != null) {
                return List.of(typed);
            }
        }
        return byEvent.get(GatewayEvent.MESSAGE);
    }

    MessagePayload payload(byte[] message) {
        return new MessagePayload(message, jsonMapper);
    }
}
