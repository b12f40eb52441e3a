package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
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
                null), "test")).isEqualTo(GatewayCommandHandler.malformedQueryReply());
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
}
