package org.jgateway.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.jgateway.autoconfigure.handler.GatewayEventHandlerAutoConfiguration;
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
import org.jgateway.spring.annotation.Session;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every kind of invalid handler method fails the application's startup with a message naming the method. */
class InvalidEventHandlerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayEventHandlerAutoConfiguration.class));

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidHandlers")
    void invalidMethodFailsStartup(Class<?> handler, String method, String problem) {
        runner.withUserConfiguration(handler).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidEventHandlerException)) {
                failure = failure.getCause();
            }
            assertThat(failure).as("InvalidEventHandlerException in %s", context.getStartupFailure()).isNotNull()
                    .hasMessageContaining(method).hasMessageContaining(problem);
        });
    }

    static Stream<Arguments> invalidHandlers() {
        return Stream.of(
                Arguments.of(UnsupportedType.class, "UnsupportedType.connect(Integer)", "has a type @OnConnect methods "
                        + "cannot receive. @OnConnect methods can receive EventContext, GatewayApi"),
                Arguments.of(UnannotatedClientId.class, "UnannotatedClientId.connect(String)",
                        "If it is the client id, annotate it @ClientId"),
                Arguments.of(UnannotatedSession.class, "UnannotatedSession.close(Map)", "annotate it @Session"),
                Arguments.of(TwoMessages.class, "TwoMessages.message(String, byte[])",
                        "parameter 2 (byte[] raw) is a second message parameter, after parameter 1 (String text)"),
                Arguments.of(PayloadOutsideMessage.class, "PayloadOutsideMessage.connect(String)",
                        "is @Payload, but only @OnMessage methods receive a message"),
                Arguments.of(HandshakeOutsideWebSocket.class, "HandshakeOutsideWebSocket.message(Map)",
                        "only @OnWebSocketConnect methods receive"),
                Arguments.of(ClientIdNotString.class, "ClientIdNotString.connect(long)",
                        "is @ClientId but not a String"),
                Arguments.of(SessionOfStrings.class, "SessionOfStrings.connect(Map)",
                        "is @Session but not a Map<String, Object>"),
                Arguments.of(TwoParameterAnnotations.class, "TwoParameterAnnotations.connect(Map)",
                        "has @Session and @HandshakeData"),
                Arguments.of(TwoEvents.class, "TwoEvents.both()", "annotated @OnConnect and @OnClose"),
                Arguments.of(NotPublic.class, "NotPublic.connect()", "it is not public"),
                Arguments.of(Static.class, "Static.connect()", "it is static"),
                Arguments.of(WorkerStartWithClient.class, "WorkerStartWithClient.start(String)",
                        "is @ClientId, but @OnWorkerStart is not about a client"),
                Arguments.of(WorkerStopWithContext.class, "WorkerStopWithContext.stop(EventContext)",
                        "is EventContext, but @OnWorkerStop is not about a client"),
                Arguments.of(WorkerInClientEvent.class, "WorkerInClientEvent.message(BusinessWorker)",
                        "is the BusinessWorker, which only @OnWorkerStart and @OnWorkerStop methods receive"),
                Arguments.of(CloseReturnsValue.class, "CloseReturnsValue.close()",
                        "returns String, but there is no client to send it to (it is gone). Make it return void."),
                Arguments.of(WorkerStartReturnsValue.class, "WorkerStartReturnsValue.start()",
                        "Make it return void"),
                Arguments.of(DuplicateTypes.class, "DuplicateTypeB.second(String)",
                        "message type \"join\" is already handled by DuplicateTypeA.first()"));
    }

    @GatewayEventHandler
    static class UnsupportedType {
        @OnConnect
        public void connect(Integer value) {
        }
    }

    @GatewayEventHandler
    static class UnannotatedClientId {
        @OnConnect
        public void connect(String id) {
        }
    }

    @GatewayEventHandler
    static class UnannotatedSession {
        @OnClose
        public void close(Map<String, Object> session) {
        }
    }

    @GatewayEventHandler
    static class TwoMessages {
        @OnMessage
        public void message(String text, byte[] raw) {
        }
    }

    @GatewayEventHandler
    static class PayloadOutsideMessage {
        @OnConnect
        public void connect(@Payload String message) {
        }
    }

    @GatewayEventHandler
    static class HandshakeOutsideWebSocket {
        @OnMessage
        public void message(@HandshakeData Map<String, Object> data) {
        }
    }

    @GatewayEventHandler
    static class ClientIdNotString {
        @OnConnect
        public void connect(@ClientId long id) {
        }
    }

    @GatewayEventHandler
    static class SessionOfStrings {
        @OnConnect
        public void connect(@Session Map<String, String> session) {
        }
    }

    @GatewayEventHandler
    static class TwoParameterAnnotations {
        @OnWebSocketConnect
        public void connect(@Session @HandshakeData Map<String, Object> map) {
        }
    }

    @GatewayEventHandler
    static class TwoEvents {
        @OnConnect
        @OnClose
        public void both() {
        }
    }

    @GatewayEventHandler
    static class NotPublic {
        @OnConnect
        void connect() {
        }
    }

    @GatewayEventHandler
    static class Static {
        @OnConnect
        public static void connect() {
        }
    }

    @GatewayEventHandler
    static class WorkerStartWithClient {
        @OnWorkerStart
        public void start(@ClientId String id) {
        }
    }

    @GatewayEventHandler
    static class WorkerStopWithContext {
        @OnWorkerStop
        public void stop(EventContext context) {
        }
    }

    @GatewayEventHandler
    static class WorkerInClientEvent {
        @OnMessage
        public void message(BusinessWorker worker) {
        }
    }

    @GatewayEventHandler
    static class CloseReturnsValue {
        @OnClose
        public String close() {
            return "bye";
        }
    }

    @GatewayEventHandler
    static class WorkerStartReturnsValue {
        @OnWorkerStart
        public boolean start() {
            return true;
        }
    }

    @GatewayEventHandler
    static class DuplicateTypeA {
        @OnMessage(type = "join")
        public void first() {
        }
    }

    @GatewayEventHandler
    static class DuplicateTypeB {
        @OnMessage(type = "join")
        public void second(String message) {
        }
    }

    /** Registers both duplicate handlers, A first. */
    @org.springframework.context.annotation.Import({DuplicateTypeA.class, DuplicateTypeB.class})
    static class DuplicateTypes {
    }
}
