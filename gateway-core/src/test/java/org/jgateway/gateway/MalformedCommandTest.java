package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.gateway.Gateway.bytes;
import static org.jgateway.gateway.Gateway.sink;
import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_COUNT_BY_GROUP;
import static org.jgateway.protocol.GatewayCommand.BATCH_GET_CLIENT_ID_BY_UID;
import static org.jgateway.protocol.GatewayCommand.KICK;
import static org.jgateway.protocol.GatewayCommand.SELECT;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ALL;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ONE;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_UID;
import static org.jgateway.protocol.GatewayCommand.SET_SESSION;
import static org.jgateway.protocol.GatewayCommand.UPDATE_SESSION;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed input is rejected as a whole: nothing sent, nothing changed, no buffer leaked (the detector is PARANOID). */
class MalformedCommandTest {

    private final Gateway gw = new Gateway();
    private ClientConnection a;
    private ClientConnection b;

    @BeforeEach
    void clients() {
        a = gw.client(1);
        b = gw.client(2);
        gw.registry.joinGroup(a, "g");
        gw.registry.joinGroup(b, "g");
        gw.registry.bindUid(a, "u");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[\"g\"]", "\"g\"", "{\"group\":\"g\"}", "{\"exclude\":null}",
            "{\"group\":[[\"g\"]],\"exclude\":null}", "{\"group\":[\"g\"],\"exclude\":\"x\"}",
            "{\"group\":[\"g\"],\"exclude\":null} trailing"})
    void badSendToGroupExt(String ext) {
        assertRejected(() -> gw.execute(SEND_TO_GROUP, 0, ext, "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "\"u\"", "5", "{\"u\":[1]}x", "[{\"a\":1}]"})
    void badSendToUidExt(String ext) {
        assertRejected(() -> gw.execute(SEND_TO_UID, 0, ext, "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,2]", "\"x\"", "{\"connections\":5}", "{\"exclude\":\"3\"}"})
    void badSendToAllExt(String ext) {
        assertRejected(() -> gw.execute(SEND_TO_ALL, 0, ext, "m"));
    }

    @Test
    void badPhpBodies() {
        for (String body : new String[] {"", "s:9:\"short\";", "a:1:{i:0;", "O:8:\"stdClass\":0:{}", "x"}) {
            assertRejected(() -> gw.execute(SEND_TO_ALL, 0, 0, "", bytes(body)));
            assertRejected(() -> gw.execute(SEND_TO_GROUP, 0, 0, "{\"group\":[\"g\"],\"exclude\":null}", bytes(body)));
            assertRejected(() -> gw.execute(SEND_TO_ONE, 1, 0, "", bytes(body)));
            assertRejected(() -> gw.execute(KICK, 1, 0, "", bytes(body)));
        }
        assertThat(sink(a).closed()).isFalse();
    }

    @Test
    void arrayBodyWithBinaryStringCannotBeJsonEncoded() {
        byte[] body = {'a', ':', '1', ':', '{', 'i', ':', '0', ';', 's', ':', '1', ':', '"', (byte) 0xff, '"', ';', '}'};
        assertRejected(() -> gw.execute(SEND_TO_ALL, 0, 0, "", body));
    }

    @Test
    void badSessionMergeLeavesTheSession() {
        gw.execute(SET_SESSION, 1, "a:1:{s:1:\"k\";i:1;}", "");
        for (String ext : new String[] {"", "garbage", "s:1:\"x\";"}) {
            assertRejected(() -> gw.execute(UPDATE_SESSION, 1, ext, ""));
        }
        assertThat(Gateway.text(a.session())).isEqualTo("a:1:{s:1:\"k\";i:1;}");
        gw.execute(SET_SESSION, 1, "i:5;", "");
        assertRejected(() -> gw.execute(UPDATE_SESSION, 1, "a:0:{}", ""));
        assertThat(Gateway.text(a.session())).isEqualTo("i:5;");
    }

    @Test
    void badQueriesAreRejectedAndPhpsReplyIsOffered() {
        for (int cmd : new int[] {BATCH_GET_CLIENT_ID_BY_UID, BATCH_GET_CLIENT_COUNT_BY_GROUP, SELECT}) {
            assertThatThrownBy(() -> gw.query(cmd, 0, "{")).isInstanceOf(InvalidCommandException.class);
        }
        assertThatThrownBy(() -> gw.query(BATCH_GET_CLIENT_ID_BY_UID, 0, "\"u\"")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> gw.query(SELECT, 0, "{\"fields\":\"uid\"}")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> gw.query(SELECT, 0, "")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> gw.query(SELECT, 0, "{\"fields\":[\"uid\"],\"where\":\"x\"}"))
                .isInstanceOf(InvalidCommandException.class);
        assertThat(Gateway.text(GatewayCommandHandler.malformedQueryReply())).isEqualTo("a:0:{}");
        assertThat(gw.handler.stats().invalidCommands()).isEqualTo(7);
    }

    private void assertRejected(Runnable command) {
        long invalid = gw.handler.stats().invalidCommands();
        assertThatThrownBy(command::run).isInstanceOf(InvalidCommandException.class);
        assertThat(gw.handler.stats().invalidCommands()).isEqualTo(invalid + 1);
        assertThat(sink(a).received()).isEmpty();
        assertThat(sink(b).received()).isEmpty();
        assertThat(gw.text.calls).hasValue(0);
        assertThat(gw.registry.groupMembers("g")).containsExactlyInAnyOrder(a, b);
        assertThat(a.uid()).isEqualTo("u");
    }
}
