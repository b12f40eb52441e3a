package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.history.StreamPosition;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpUnserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SEND_TO_STREAM and RECOVER at the gateway: what they deliver, and what they refuse without delivering anything. */
class StreamDeliveryTest {

    private final MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
            .group(HistoryPolicy.of("h:*")).uid(HistoryPolicy.of("u*")).build());
    private final Gateway gw = new Gateway();
    private final GatewayCommandHandler handler = new GatewayCommandHandler(gw.registry, ByteBufAllocator.DEFAULT, store);

    private void sendToStream(String ext, String body) {
        handler.execute(GatewayFrame.scalarCommand(GatewayCommand.SEND_TO_STREAM, 0, utf8(ext), utf8(body)));
    }

    private Object recover(int connectionId, String ext) {
        return PhpUnserializer.unserialize(
                handler.query(GatewayFrame.scalarCommand(GatewayCommand.RECOVER, connectionId, utf8(ext), null)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStreamMessageReachesTheGroupOrUidMinusTheExcluded() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        gw.registry.joinGroup(a, "h:x");
        gw.registry.joinGroup(b, "h:x");
        gw.registry.bindUid(b, "u1");
        sendToStream("{\"group\":\"h:x\",\"offset\":1,\"epoch\":\"e\",\"exclude\":{\"2\":2}}", "one");
        sendToStream("{\"uid\":\"u1\",\"offset\":1,\"epoch\":\"e\"}", "two");
        assertThat(Gateway.sink(a).received()).containsExactly("one\n");
        assertThat(Gateway.sink(b).received()).containsExactly("two\n");
        assertThat(handler.stats().messagesSent()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"offset\":1,\"epoch\":\"e\"}",
            "{\"group\":\"h:x\",\"uid\":\"u\",\"offset\":1,\"epoch\":\"e\"}", "{\"group\":\"\",\"offset\":1,\"epoch\":\"e\"}",
            "{\"group\":\"h:x\",\"offset\":-1,\"epoch\":\"e\"}", "{\"group\":\"h:x\",\"offset\":\"1\",\"epoch\":\"e\"}",
            "{\"group\":\"h:x\",\"offset\":1,\"epoch\":\"\"}", "{\"group\":\"h:x\",\"offset\":1}"})
    void aMalformedStreamMessageIsRefusedAndSendsNothing(String ext) {
        ClientConnection a = gw.client(1);
        gw.registry.joinGroup(a, "h:x");
        assertThatThrownBy(() -> sendToStream(ext, "m")).isInstanceOf(InvalidCommandException.class);
        assertThat(Gateway.sink(a).received()).isEmpty();
        assertThat(handler.stats().invalidCommands()).isEqualTo(1);
    }

    @Test
    void recoveringAClientThatIsGoneAnswersPhpNull() {
        assertThat(recover(9, "{\"group\":\"h:x\"}")).isNull();
    }

    @Test
    void recoveryIsRefusedForAStreamWithoutHistory() {
        gw.client(1);
        assertThatThrownBy(() -> recover(1, "{\"group\":\"plain\"}")).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("group:plain keeps no history");
        assertThat(handler.answerFrom(GatewayFrame.scalarCommand(GatewayCommand.RECOVER, 1, utf8("{\"group\":\"plain\"}"),
                null), "test", null).join()).isEqualTo(GatewayCommandHandler.malformedQueryReply());
    }

    @Test
    void aRecoveryRepliesWhatItDidAndTheClientIsInTheGroup() {
        StreamPosition first = store.append(HistoryStream.group("h:x"), p -> utf8("m1"), (p, body) -> { });
        store.append(HistoryStream.group("h:x"), p -> utf8("m2"), (p, body) -> { });
        ClientConnection a = gw.client(1);
        Object reply = recover(1, "{\"group\":\"h:x\",\"offset\":1,\"epoch\":\"" + first.epoch() + "\"}");
        assertThat(reply).isEqualTo(Map.of("recovered", true, "offset", 2L, "epoch", first.epoch(), "delivered", 1L));
        assertThat(Gateway.sink(a).received()).containsExactly("m2\n");
        assertThat(gw.registry.isGroupMember("h:x", a)).isTrue();
        // The live copy of m2, still in flight when the recovery read it, is not delivered twice.
        sendToStream("{\"group\":\"h:x\",\"offset\":2,\"epoch\":\"" + first.epoch() + "\"}", "m2");
        sendToStream("{\"group\":\"h:x\",\"offset\":3,\"epoch\":\"" + first.epoch() + "\"}", "m3");
        assertThat(Gateway.sink(a).received()).containsExactly("m2\n", "m3\n");
    }

    @Test
    void aUidRecoveryBindsTheClient() {
        ClientConnection a = gw.client(1);
        assertThat(recover(1, "{\"uid\":\"u7\"}")).isInstanceOf(Map.class);
        assertThat(a.uid()).isEqualTo("u7");
    }

    /** The memory store, whose reads first run {@code duringRead} (live messages arriving meanwhile), then may fail. */
    private GatewayCommandHandler handlerReading(Runnable duringRead, boolean fail) {
        HistoryStore reading = new HistoryStore() {
            @Override
            public boolean retains(HistoryStream stream) {
                return store.retains(stream);
            }

            @Override
            public StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body,
                    Publisher publish) {
                return store.append(stream, body, publish);
            }

            @Override
            public HistoryPage read(HistoryStream stream, StreamPosition since, int limit) {
                duringRead.run();
                if (fail) {
                    throw new HistoryUnavailableException("Redis is away", null);
                }
                return store.read(stream, since, limit);
            }
        };
        return new GatewayCommandHandler(gw.registry, ByteBufAllocator.DEFAULT, reading);
    }

    private static String ext(long offset, String epoch) {
        return "{\"group\":\"h:x\",\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}";
    }

    private static Object recover(GatewayCommandHandler handler, int connectionId, String ext) {
        return PhpUnserializer.unserialize(
                handler.query(GatewayFrame.scalarCommand(GatewayCommand.RECOVER, connectionId, utf8(ext), null)));
    }

    @Test
    void aMessageOfAnotherSenderAheadOfAHoleIsDeliveredAndTheMissingOneStillPassesLive() {
        StreamPosition first = store.append(HistoryStream.group("h:x"), p -> utf8("m1"), (p, body) -> { });
        String epoch = first.epoch();
        ClientConnection a = gw.client(1);
        // Offsets 2 and 3 were kept by two senders; the one with 3 reaches this gateway first, during the read.
        GatewayCommandHandler reading = handlerReading(() -> sendToStream(ext(3, epoch), "m3"), false);
        Object reply = recover(reading, 1, ext(0, epoch));
        assertThat(reply).isEqualTo(Map.of("recovered", true, "offset", 1L, "epoch", epoch, "delivered", 2L));
        sendToStream(ext(2, epoch), "m2");
        assertThat(Gateway.sink(a).received()).containsExactly("m1\n", "m3\n", "m2\n");
        assertThat(reading.stats().recoveriesCompleted()).isEqualTo(1);
    }

    @Test
    void aHistoryThatCannotBeReadMakesAnIncompleteRecoveryThatDeliversNothingOld() {
        StreamPosition first = store.append(HistoryStream.group("h:x"), p -> utf8("m1"), (p, body) -> { });
        String epoch = first.epoch();
        ClientConnection a = gw.client(1);
        GatewayCommandHandler failing = handlerReading(() -> sendToStream(ext(2, epoch), "m2"), true);
        Object reply = recover(failing, 1, ext(0, epoch));
        // m2 arrived while the client was recovering: it is not delivered, the client is told it stands after it.
        assertThat(reply).isEqualTo(Map.of("recovered", false, "offset", 2L, "epoch", epoch, "delivered", 0L));
        assertThat(gw.registry.isGroupMember("h:x", a)).isTrue();
        sendToStream(ext(3, epoch), "m3");
        assertThat(Gateway.sink(a).received()).containsExactly("m3\n");
        assertThat(failing.stats().recoveriesIncomplete()).isEqualTo(1);
        assertThat(failing.stats().recoveryReadFailures()).isEqualTo(1);
    }

    @Test
    void aHistoryThatCannotBeReadWithoutAnyPositionFailsTheQuery() {
        ClientConnection a = gw.client(1);
        GatewayCommandHandler failing = handlerReading(() -> { }, true);
        assertThatThrownBy(() -> recover(failing, 1, "{\"group\":\"h:x\"}"))
                .isInstanceOf(HistoryUnavailableException.class);
        // The client was joined and its live messages flow again.
        sendToStream(ext(1, "e"), "m1");
        assertThat(Gateway.sink(a).received()).containsExactly("m1\n");
    }
}
