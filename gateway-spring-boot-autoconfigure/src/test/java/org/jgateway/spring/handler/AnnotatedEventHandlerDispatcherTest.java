package org.jgateway.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.spring.annotation.ClientId;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.HandshakeData;
import org.jgateway.spring.annotation.OnClose;
import org.jgateway.spring.annotation.OnConnect;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.spring.annotation.OnWebSocketConnect;
import org.jgateway.spring.annotation.OnWorkerStart;
import org.jgateway.spring.annotation.OnWorkerStop;
import org.jgateway.spring.annotation.Payload;
import org.jgateway.spring.annotation.Redelivered;
import org.jgateway.spring.annotation.Session;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.ClientEvent;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.TestEventContexts;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnnotatedEventHandlerDispatcherTest {

    private final RecordingGatewayApi recorder = new RecordingGatewayApi();
    private final Map<String, Object> session = new LinkedHashMap<>();

    private static AnnotatedEventHandlerDispatcher dispatcher(Object... handlers) {
        return new AnnotatedEventHandlerDispatcher(List.of(handlers), JsonMapper.shared(),
                AnnotatedEventHandlerDispatcher.DEFAULT_MESSAGE_TYPE_FIELD);
    }

    private EventContext context(int eventType) {
        return TestEventContexts.create(eventType, recorder.api(), session);
    }

    private void message(AnnotatedEventHandlerDispatcher dispatcher, String text) {
        dispatcher.onMessage(context(GatewayCommand.ON_MESSAGE), text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> sentTexts() {
        return recorder.sentToCurrentClient().stream()
                .map(m -> m instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) m).toList();
    }

    // ---- parameters ---------------------------------------------------------------------------------------------

    @GatewayEventHandler
    static class ClientParameters {

        final List<Object> seen = new ArrayList<>();

        @OnConnect
        public void connect(EventContext context, @ClientId String clientId, GatewayApi api,
                @Session Map<String, Object> session) {
            seen.addAll(List.of(context, clientId, api, session));
            session.put("connected", true);
        }

        @OnClose
        public void close(@Session Map<String, ?> session, @ClientId String clientId) {
            seen.addAll(List.of(session, clientId));
        }
    }

    @Test
    void clientEventsResolveContextClientIdApiAndSession() {
        ClientParameters handler = new ClientParameters();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);
        EventContext context = context(GatewayCommand.ON_CONNECT);

        dispatcher.onConnect(context);

        assertThat(handler.seen).containsExactly(context, TestEventContexts.CLIENT_ID, recorder.api(), session);
        assertThat(context.session()).containsEntry("connected", true);

        handler.seen.clear();
        dispatcher.onClose(context(GatewayCommand.ON_CLOSE));
        assertThat(handler.seen).containsExactly(session, TestEventContexts.CLIENT_ID);
    }

    @GatewayEventHandler
    static class Handshake {

        @OnWebSocketConnect
        public String handshake(@HandshakeData Map<String, Object> data, @Session Map<String, Object> session,
                EventContext context) {
            session.put("token", ((Map<?, ?>) data.get("get")).get("token"));
            return "hello " + context.gatewayAddress() + " " + (context.webSocketData() == data);
        }
    }

    @Test
    void webSocketConnectResolvesHandshakeData() {
        Map<String, Object> data = Map.of("get", Map.of("token", "t-1"), "server", Map.of(), "cookie", Map.of());
        EventContext context = TestEventContexts.webSocket(recorder.api(), session, data);

        dispatcher(new Handshake()).onWebSocketConnect(context, data);

        assertThat(session).containsEntry("token", "t-1");
        assertThat(recorder.sentToCurrentClient()).containsExactly("hello 10.0.0.1:2900 true");
    }

    record Point(int x, int y) {
    }

    @GatewayEventHandler
    static class MessageParameters {

        final List<Object> seen = new ArrayList<>();

        @OnMessage(type = "text")
        public void text(String message, @ClientId String clientId) {
            seen.add(message);
        }

        @OnMessage(type = "bytes")
        public void bytes(@Payload byte[] message) {
            seen.add(new String(message, StandardCharsets.UTF_8));
        }

        @OnMessage(type = "tree")
        public void tree(EventContext context, JsonNode message) {
            seen.add(message.get("n").asInt());
        }

        @OnMessage(type = "point")
        public void point(GatewayApi api, Point point) {
            seen.add(point);
        }

        @OnMessage(type = "map")
        public void map(@Payload Map<String, Object> message, @Session Map<String, Object> session) {
            seen.add(message);
        }
    }

    @Test
    void messageParameterIsConvertedToTheDeclaredType() {
        MessageParameters handler = new MessageParameters();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);

        message(dispatcher, "{\"type\":\"text\"}");
        message(dispatcher, "{\"type\":\"bytes\"}");
        message(dispatcher, "{\"type\":\"tree\",\"n\":42}");
        message(dispatcher, "{\"type\":\"point\",\"x\":1,\"y\":2}");
        message(dispatcher, " {\"type\":\"map\",\"k\":[1]}");

        assertThat(handler.seen).containsExactly("{\"type\":\"text\"}", "{\"type\":\"bytes\"}", 42, new Point(1, 2),
                Map.of("type", "map", "k", List.of(1)));
    }

    @GatewayEventHandler
    static class RedeliveryAware {

        final List<Object> seen = new ArrayList<>();

        @OnMessage
        public void message(String message, @Redelivered boolean redelivered) {
            seen.add(message + (redelivered ? " again" : ""));
        }
    }

    @Test
    void redeliveredParameterTellsARedeliveredEventFromAFirstDelivery() {
        RedeliveryAware handler = new RedeliveryAware();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);

        message(dispatcher, "a");
        dispatcher.onMessage(TestEventContexts.create(GatewayCommand.ON_MESSAGE, GatewayFlags.REDELIVERY, recorder.api(),
                session), "b".getBytes(StandardCharsets.UTF_8));

        assertThat(handler.seen).containsExactly("a", "b again");
    }

    abstract static class GenericHandler<T> {

        final List<Object> seen = new ArrayList<>();

        @OnMessage
        public void handle(T message) {
            seen.add(message);
        }
    }

    @GatewayEventHandler
    static class PointsHandler extends GenericHandler<List<Point>> {
    }

    @Test
    void genericMessageParameterIsBoundToTheBeanClassType() {
        PointsHandler handler = new PointsHandler();

        message(dispatcher(handler), "[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]");

        assertThat(handler.seen).containsExactly(List.of(new Point(1, 2), new Point(3, 4)));
    }

    @GatewayEventHandler
    static class PointOnly {

        @OnMessage
        public void point(Point point) {
        }

        @OnMessage(type = "tree")
        public void tree(JsonNode node) {
        }
    }

    @Test
    void handlesTheEventsItHasMethodsForAndEveryMessage() {
        AnnotatedEventHandlerDispatcher messagesOnly = dispatcher(new PointOnly());
        assertThat(messagesOnly.handles(ClientEvent.MESSAGE)).isTrue();
        assertThat(messagesOnly.handles(ClientEvent.CONNECT)).isFalse();
        assertThat(messagesOnly.handles(ClientEvent.WEBSOCKET_CONNECT)).isFalse();
        assertThat(messagesOnly.handles(ClientEvent.CLOSE)).isFalse();

        AnnotatedEventHandlerDispatcher clientEvents = dispatcher(new ClientParameters(), new Handshake());
        assertThat(clientEvents.handles(ClientEvent.CONNECT)).isTrue();
        assertThat(clientEvents.handles(ClientEvent.WEBSOCKET_CONNECT)).isTrue();
        assertThat(clientEvents.handles(ClientEvent.CLOSE)).isTrue();
        // Unhandled messages are counted, so messages go to the worker's threads even with no @OnMessage method.
        assertThat(clientEvents.handles(ClientEvent.MESSAGE)).isTrue();
    }

    @Test
    void messageThatCannotBeBoundFailsWithBindingException() {
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(new PointOnly());

        assertThatThrownBy(() -> message(dispatcher, "not json")).isInstanceOf(MessageBindingException.class)
                .hasMessageContaining("AnnotatedEventHandlerDispatcherTest$Point").hasMessageContaining("not json");
        assertThatThrownBy(() -> message(dispatcher, "{\"x\":\"nope\"}"))
                .isInstanceOf(MessageBindingException.class);
    }

    @Test
    void jsonNodeOfTextThatIsNotJsonFailsWithBindingException() {
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(new Object() {
            @OnMessage
            public void tree(JsonNode node) {
            }
        });

        assertThatThrownBy(() -> message(dispatcher, "{oops")).isInstanceOf(MessageBindingException.class)
                .hasMessageContaining("not JSON");
    }

    @GatewayEventHandler
    static class WorkerEvents {

        final List<Object> seen = new ArrayList<>();

        @OnWorkerStart
        public void start(BusinessWorker worker, GatewayApi api) {
            seen.addAll(List.of("start", worker, api));
        }

        @OnWorkerStop
        public void stop(GatewayApi api) {
            seen.addAll(List.of("stop", api));
        }
    }

    @Test
    void workerEventsResolveTheWorkerAndItsApi() {
        WorkerEvents handler = new WorkerEvents();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);
        try (EventLoopResources resources = EventLoopResources.create(1, "handler-test")) {
            BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().executor(Runnable::run)
                    .stopTimeout(Duration.ofMillis(100)).build(), dispatcher, resources);

            dispatcher.onWorkerStart(worker);
            worker.close(); // never started: leaves at once, calling onWorkerStop

            assertThat(handler.seen).containsExactly("start", worker, worker.api(), "stop", worker.api());
        }
    }

    // ---- return values ------------------------------------------------------------------------------------------

    record Reply(String group, int size) {
    }

    @GatewayEventHandler
    static class Replies {

        @OnConnect
        public String welcome() {
            return "welcome";
        }

        @OnMessage(type = "bytes")
        public byte[] bytes() {
            return new byte[] {1, 2, 3};
        }

        @OnMessage(type = "record")
        public Reply record() {
            return new Reply("room", 2);
        }

        @OnMessage(type = "number")
        public int number() {
            return 7;
        }

        @OnMessage(type = "null")
        public String none() {
            return null;
        }
    }

    @Test
    void returnValuesAreSentToTheCurrentClient() {
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(new Replies());

        dispatcher.onConnect(context(GatewayCommand.ON_CONNECT));
        message(dispatcher, "{\"type\":\"bytes\"}");
        message(dispatcher, "{\"type\":\"record\"}");
        message(dispatcher, "{\"type\":\"number\"}");
        message(dispatcher, "{\"type\":\"null\"}");

        List<Object> sent = recorder.sentToCurrentClient();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0)).isEqualTo("welcome");
        assertThat(sent.get(1)).isEqualTo(new byte[] {1, 2, 3});
        assertThat(new String((byte[]) sent.get(2), StandardCharsets.UTF_8))
                .isEqualTo("{\"group\":\"room\",\"size\":2}");
        assertThat(new String((byte[]) sent.get(3), StandardCharsets.UTF_8)).isEqualTo("7");
    }

    // ---- routing ------------------------------------------------------------------------------------------------

    @GatewayEventHandler
    static class Routed {

        final List<String> seen = new ArrayList<>();

        @OnMessage(type = "join")
        public void join(String message) {
            seen.add("join " + message);
        }

        @OnMessage
        public void any(String message) {
            seen.add("any " + message);
        }
    }

    @Test
    void jsonObjectsAreRoutedByTypeAndEverythingElseGoesToTheCatchAll() {
        Routed handler = new Routed();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);

        message(dispatcher, "{\"type\":\"join\"}");
        message(dispatcher, "{\"type\":\"leave\"}");
        message(dispatcher, "{\"type\":1}");
        message(dispatcher, "{\"kind\":\"join\"}");
        message(dispatcher, "[{\"type\":\"join\"}]");
        message(dispatcher, "join");
        message(dispatcher, "{\"type\":\"join\"");
        message(dispatcher, "");

        assertThat(handler.seen).containsExactly("join {\"type\":\"join\"}", "any {\"type\":\"leave\"}",
                "any {\"type\":1}", "any {\"kind\":\"join\"}", "any [{\"type\":\"join\"}]", "any join",
                "any {\"type\":\"join\"", "any ");
        assertThat(dispatcher.unhandledMessages()).isZero();
    }

    @Test
    void routingFieldIsConfigurable() {
        Routed handler = new Routed();
        AnnotatedEventHandlerDispatcher dispatcher = new AnnotatedEventHandlerDispatcher(List.of(handler),
                JsonMapper.shared(), "cmd");

        message(dispatcher, "{\"cmd\":\"join\"}");
        message(dispatcher, "{\"type\":\"join\"}");

        assertThat(handler.seen).containsExactly("join {\"cmd\":\"join\"}", "any {\"type\":\"join\"}");
    }

    @GatewayEventHandler
    static class TypedOnly {

        final List<String> seen = new ArrayList<>();

        @OnMessage(type = "ping")
        public String ping() {
            seen.add("ping");
            return "pong";
        }
    }

    @Test
    void messageNoMethodTakesIsDroppedAndCounted() {
        TypedOnly handler = new TypedOnly();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);

        message(dispatcher, "{\"type\":\"ping\"}");
        message(dispatcher, "{\"type\":\"other\"}");
        message(dispatcher, "plain text");

        assertThat(handler.seen).containsExactly("ping");
        assertThat(recorder.sentToCurrentClient()).containsExactly("pong");
        assertThat(dispatcher.unhandledMessages()).isEqualTo(2);
    }

    @Test
    void withoutAnyMessageMethodEveryMessageIsUnhandled() {
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(new ClientParameters());

        message(dispatcher, "{\"type\":\"ping\"}");

        assertThat(dispatcher.unhandledMessages()).isEqualTo(1);
    }

    // ---- several beans, order -----------------------------------------------------------------------------------

    static final List<String> ORDER = new ArrayList<>();

    @GatewayEventHandler
    static class First {

        @OnConnect
        public void zulu() {
            ORDER.add("First.zulu");
        }

        @OnMessage
        public void message() {
            ORDER.add("First.message");
        }

        @OnConnect
        public void alpha() {
            ORDER.add("First.alpha");
        }

        @OnMessage(type = "a")
        public void typeA() {
            ORDER.add("First.typeA");
        }
    }

    @GatewayEventHandler
    static class Second {

        @OnConnect
        public void mike() {
            ORDER.add("Second.mike");
        }

        @OnMessage(type = "b")
        public void typeB() {
            ORDER.add("Second.typeB");
        }

        @OnMessage
        public void message() {
            ORDER.add("Second.message");
        }
    }

    @Test
    void methodsRunInHandlerOrderThenDeclarationOrder() {
        ORDER.clear();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(new Second(), new First());

        dispatcher.onConnect(context(GatewayCommand.ON_CONNECT));
        message(dispatcher, "{\"type\":\"a\"}");
        message(dispatcher, "{\"type\":\"b\"}");
        message(dispatcher, "{\"type\":\"c\"}");

        assertThat(ORDER).containsExactly("Second.mike", "First.zulu", "First.alpha", "First.typeA", "Second.typeB",
                "Second.message", "First.message");
    }

    // ---- exceptions ---------------------------------------------------------------------------------------------

    static class Failure extends RuntimeException {

        Failure() {
            super("boom");
        }
    }

    @GatewayEventHandler
    static class Failing {

        final List<String> seen = new ArrayList<>();

        @OnConnect
        public void fail() {
            seen.add("fail");
            throw new Failure();
        }

        @OnConnect
        public void after() {
            seen.add("after");
        }

        @OnMessage
        public void checked() throws Exception {
            throw new java.io.IOException("io");
        }
    }

    @Test
    void handlerExceptionsPropagateAndSkipTheEventsRemainingMethods() {
        Failing handler = new Failing();
        AnnotatedEventHandlerDispatcher dispatcher = dispatcher(handler);

        assertThatThrownBy(() -> dispatcher.onConnect(context(GatewayCommand.ON_CONNECT))).isInstanceOf(Failure.class);
        assertThat(handler.seen).containsExactly("fail");

        assertThatThrownBy(() -> message(dispatcher, "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Failing.checked()").cause().hasMessage("io");
    }
}
