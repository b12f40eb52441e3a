package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose annotated methods handle the business worker's events: the Spring counterpart of GatewayWorker's
 * {@code Events} class. It is a {@link Component @Component}, so component scanning picks it up.
 * <pre class="code">
 * &#64;GatewayEventHandler
 * public class ChatHandler {
 *
 *     &#64;OnConnect
 *     public void hello(&#64;ClientId String id, GatewayApi api) {
 *         api.sendToClient(id, "welcome");
 *     }
 *
 *     &#64;OnWebSocketConnect
 *     public void handshake(&#64;HandshakeData Map&lt;String, Object&gt; request,
 *             &#64;Session Map&lt;String, Object&gt; session) {
 *         session.put("query", request.get("get"));           // saved to the gateway after the event
 *     }
 *
 *     &#64;OnMessage(type = "join")                              // {"type":"join","group":"room-1"}
 *     public Joined join(JoinRequest request, EventContext context) {
 *         context.api().joinGroup(context.clientId(), request.group());
 *         return new Joined(request.group());                 // sent to the client as JSON
 *     }
 *
 *     &#64;OnMessage                                              // every message no typed method took
 *     public String echo(String message) {
 *         return message;                                     // sent to the client as it is
 *     }
 *
 *     &#64;OnClose
 *     public void bye(&#64;ClientId String id, &#64;Session Map&lt;String, Object&gt; session) {
 *         log.info("{} ({}) left", id, session.get("name"));
 *     }
 *
 *     &#64;OnWorkerStart
 *     public void started(BusinessWorker worker) {
 *         log.info("worker {} up", worker.workerKey());
 *     }
 * }
 *
 * record JoinRequest(String group) {}
 * record Joined(String group) {}
 * </pre>
 *
 * <h2>Events</h2>
 * {@link OnConnect @OnConnect}, {@link OnWebSocketConnect @OnWebSocketConnect}, {@link OnMessage @OnMessage},
 * {@link OnClose @OnClose}, {@link OnWorkerStart @OnWorkerStart} and {@link OnWorkerStop @OnWorkerStop}. A bean may
 * have any number of methods per event, and several handler beans may coexist: the methods of an event run in bean
 * order ({@link org.springframework.core.annotation.Order @Order} or
 * {@link org.springframework.core.Ordered Ordered}), then in the order they are declared. An exception thrown by a
 * method stops the event's remaining methods and is logged and counted by the worker; the client stays connected.
 * Client events run on worker threads, one at a time and in order per client, different clients in parallel.
 *
 * <h2>Message routing</h2>
 * A message that is a JSON object whose routing field (property {@code gateway.worker.message-type-field}, default
 * {@code type}) is a string goes to the {@code @OnMessage(type = ...)} method of that type, if there is one. Every
 * other message (another type, no routing field, a JSON array, not JSON at all) goes to all catch-all
 * {@code @OnMessage} methods; with none, it is dropped and counted
 * ({@link org.jgateway.spring.handler.AnnotatedEventHandlerDispatcher#unhandledMessages()}).
 *
 * <h2>Parameters</h2>
 * Resolved by annotation, else by type, in any order:
 * <ul>
 * <li>{@link ClientId @ClientId} {@code String}: the client's id (client events);</li>
 * <li>{@link Session @Session} {@code Map<String, Object>}: the client's mutable session (client events);</li>
 * <li>{@link HandshakeData @HandshakeData} {@code Map<String, Object>}: the WebSocket handshake request
 * ({@code @OnWebSocketConnect});</li>
 * <li>{@link org.jgateway.worker.EventContext EventContext}: everything about the event: client and gateway
 * addresses, connection id, server variables, session, WebSocket data (client events);</li>
 * <li>{@link org.jgateway.client.GatewayApi GatewayApi}: the Gateway API (every event);</li>
 * <li>{@link org.jgateway.worker.BusinessWorker BusinessWorker}: the worker ({@code @OnWorkerStart},
 * {@code @OnWorkerStop});</li>
 * <li>the message ({@code @OnMessage}, one parameter, optionally {@link Payload @Payload}): {@code byte[]} as
 * received, {@code String} decoded as UTF-8, Jackson's {@code tools.jackson.databind.JsonNode}, or any other type
 * bound from JSON with the application's {@code JsonMapper} bean (Jackson's shared mapper when there is none).</li>
 * </ul>
 *
 * <h2>Return values</h2>
 * {@code @OnConnect}, {@code @OnWebSocketConnect} and {@code @OnMessage} methods may return a reply for the current
 * client: {@code String} is sent as it is, {@code byte[]} as they are, anything else as JSON (written with the same
 * {@code JsonMapper}); {@code null} sends nothing. The other events have no one to reply to and must return
 * {@code void}.
 *
 * <h2>Validation</h2>
 * Methods must be public and not static. A method whose signature breaks these rules (an unsupported parameter, two
 * message parameters, a client parameter in a worker event, two methods for one message type...) fails the
 * application's startup with an {@link org.jgateway.spring.handler.InvalidEventHandlerException} naming the method
 * and the fix.
 *
 * @see org.jgateway.spring.handler.AnnotatedEventHandlerDispatcher
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface GatewayEventHandler {

    /** The bean name, as {@link Component#value()}; generated when empty. */
    @AliasFor(annotation = Component.class)
    String value() default "";
}
