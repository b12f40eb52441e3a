package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.gateway.Gateway.bytes;
import static org.jgateway.gateway.Gateway.sink;
import static org.jgateway.protocol.GatewayCommand.BIND_UID;
import static org.jgateway.protocol.GatewayCommand.DESTROY;
import static org.jgateway.protocol.GatewayCommand.JOIN_GROUP;
import static org.jgateway.protocol.GatewayCommand.KICK;
import static org.jgateway.protocol.GatewayCommand.LEAVE_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ALL;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ONE;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_UID;
import static org.jgateway.protocol.GatewayCommand.SET_SESSION;
import static org.jgateway.protocol.GatewayCommand.UNBIND_UID;
import static org.jgateway.protocol.GatewayCommand.UNGROUP;
import static org.jgateway.protocol.GatewayCommand.UPDATE_SESSION;

import io.netty.buffer.Unpooled;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.GatewayFrameCodec;
import org.jgateway.test.GoldenTrace;
import org.junit.jupiter.api.Test;

class GatewayCommandHandlerTest {

    private static final int SCALAR = GatewayFlags.BODY_IS_SCALAR;
    private static final int RAW = GatewayFlags.BODY_IS_SCALAR | GatewayFlags.NOT_CALL_ENCODE;

    private final Gateway gw = new Gateway();
    private final ClientRegistry registry = gw.registry;

    @Test
    void sendToOneEncodesOrWritesRawAndIgnoresUnknownIds() {
        ClientConnection a = gw.client(1);
        gw.execute(SEND_TO_ONE, 1, "", "hi");
        gw.execute(SEND_TO_ONE, 1, RAW, "", bytes("raw-no-newline|"));
        gw.execute(SEND_TO_ONE, 99, "", "nobody");
        assertThat(sink(a).received()).containsExactly("hi\n", "raw-no-newline|");
        assertThat(gw.handler.stats().messagesSent()).isEqualTo(2);
        assertThat(gw.handler.stats().commandsExecuted()).isEqualTo(3);
    }

    @Test
    void goldenSendFramesReachTheClient() {
        ClientConnection client = gw.client(2);
        registry.joinGroup(client, "room1");
        for (GoldenTrace.NamedFrame named : GoldenTrace.load().namedFrames()) {
            if (named.name().equals("SEND_TO_ONE") || named.name().equals("SEND_TO_GROUP")) {
                gw.handler.execute(GatewayFrameCodec.decode(Unpooled.wrappedBuffer(named.bytes())));
            }
        }
        assertThat(sink(client).received()).containsExactly("hi there\n", "to-group\n");
    }

    @Test
    void sendToAllReachesEveryClient() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        gw.execute(SEND_TO_ALL, 0, "", "to-all");
        assertThat(sink(a).received()).containsExactly("to-all\n");
        assertThat(sink(b).received()).containsExactly("to-all\n");
    }

    @Test
    void sendToAllWithConnectionsUsesTheValuesGivenAsNumbersOrStrings() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        ClientConnection c = gw.client(3);
        gw.execute(SEND_TO_ALL, 0, "{\"connections\":{\"1\":1,\"3\":\"3\"}}", "listed");
        gw.execute(SEND_TO_ALL, 0, "{\"connections\":[2, 77, \"x\", \"02\"]}", "list");
        assertThat(sink(a).received()).containsExactly("listed\n");
        assertThat(sink(b).received()).containsExactly("list\n");
        assertThat(sink(c).received()).containsExactly("listed\n");
    }

    @Test
    void sendToAllWithEmptyConnectionsSendsNothingButNullConnectionsMeansAll() {
        ClientConnection a = gw.client(1);
        gw.execute(SEND_TO_ALL, 0, "{\"connections\":{}}", "none");
        gw.execute(SEND_TO_ALL, 0, "{\"connections\":null}", "all");
        assertThat(sink(a).received()).containsExactly("all\n");
    }

    @Test
    void sendToAllWithExcludeSkipsTheKeys() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        ClientConnection c = gw.client(3);
        gw.execute(SEND_TO_ALL, 0, "{\"exclude\":{\"1\":1,\"3\":\"3\"}}", "x");
        gw.execute(SEND_TO_ALL, 0, "{\"exclude\":[2]}", "y");
        gw.execute(SEND_TO_ALL, 0, "{\"exclude\":null}", "z");
        assertThat(sink(a).received()).containsExactly("y\n", "z\n");
        assertThat(sink(b).received()).containsExactly("x\n", "z\n");
        assertThat(sink(c).received()).containsExactly("y\n", "z\n");
    }

    @Test
    void rawBroadcastIsNotFramed() {
        ClientConnection a = gw.client(1);
        gw.execute(SEND_TO_ALL, 0, RAW, "", bytes("raw"));
        assertThat(sink(a).received()).containsExactly("raw");
        assertThat(gw.text.calls).hasValue(0);
    }

    @Test
    void sendToUidReachesEveryConnectionOfEachUid() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        ClientConnection c = gw.client(3);
        registry.bindUid(a, "u1");
        registry.bindUid(b, "u1");
        registry.bindUid(c, "7");
        gw.execute(SEND_TO_UID, 0, "[\"u1\", 7, \"u1\", \"nobody\"]", "to-uid");
        assertThat(sink(a).received()).containsExactly("to-uid\n");
        assertThat(sink(b).received()).containsExactly("to-uid\n");
        assertThat(sink(c).received()).containsExactly("to-uid\n");
        assertThat(gw.handler.stats().messagesSent()).isEqualTo(3);
    }

    @Test
    void sendToGroupHonoursExcludeAndSendsOnceToMembersOfSeveralGroups() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        ClientConnection c = gw.client(3);
        registry.joinGroup(a, "g1");
        registry.joinGroup(a, "g2");
        registry.joinGroup(b, "g2");
        registry.joinGroup(c, "g3");
        registry.joinGroup(c, "g1");
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"g1\",\"g2\",\"g3\"],\"exclude\":null}", "m1");
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"g1\",\"g2\"],\"exclude\":{\"2\":2}}", "m2");
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[\"nope\"],\"exclude\":null}", "m3");
        assertThat(sink(a).received()).containsExactly("m1\n", "m2\n");
        assertThat(sink(b).received()).containsExactly("m1\n");
        assertThat(sink(c).received()).containsExactly("m1\n", "m2\n");
    }

    @Test
    void zeroIsAValidUidAndGroup() {
        ClientConnection a = gw.client(1);
        gw.execute(BIND_UID, 1, "0", "");
        gw.execute(JOIN_GROUP, 1, "0", "");
        assertThat(a.uid()).isEqualTo("0");
        assertThat(a.groups()).containsExactly("0");
        gw.execute(SEND_TO_GROUP, 0, "{\"group\":[0],\"exclude\":null}", "g");
        gw.execute(SEND_TO_UID, 0, "[0]", "u");
        assertThat(sink(a).received()).containsExactly("g\n", "u\n");
    }

    @Test
    void bindRebindAndUnbindIgnoringItsUid() {
        ClientConnection a = gw.client(1);
        gw.execute(BIND_UID, 1, "u1", "");
        gw.execute(BIND_UID, 1, "u2", "");
        assertThat(registry.uids()).containsExactly("u2");
        gw.execute(UNBIND_UID, 1, "something-else", "");
        assertThat(a.uid()).isNull();
        assertThat(registry.uids()).isEmpty();
        gw.execute(BIND_UID, 42, "u3", "");
        assertThat(registry.uids()).isEmpty();
    }

    @Test
    void joinLeaveAndUngroup() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        gw.execute(JOIN_GROUP, 1, "room", "");
        gw.execute(JOIN_GROUP, 2, "room", "");
        gw.execute(LEAVE_GROUP, 1, "room", "");
        assertThat(registry.groupMembers("room")).containsExactly(b);
        gw.execute(UNGROUP, 0, "room", "");
        assertThat(registry.groupIds()).isEmpty();
        assertThat(b.groups()).isEmpty();
        assertThat(registry.size()).isEqualTo(2);
        assertThat(a.isClosed()).isFalse();
    }

    @Test
    void emptyUidOrGroupIsRejectedAndCounted() {
        ClientConnection a = gw.client(1);
        for (int cmd : new int[] {BIND_UID, JOIN_GROUP, LEAVE_GROUP, UNGROUP}) {
            assertThatThrownBy(() -> gw.execute(cmd, 1, "", "")).isInstanceOf(InvalidCommandException.class)
                    .hasMessageContaining("empty");
        }
        assertThat(a.uid()).isNull();
        assertThat(gw.handler.stats().invalidCommands()).isEqualTo(4);
        assertThat(gw.handler.stats().commandsExecuted()).isZero();
    }

    @Test
    void kickSendsTheGoodbyeThenCloses() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        gw.execute(KICK, 1, "", "bye");
        gw.execute(KICK, 2, 0, "", bytes("N;"));
        assertThat(sink(a).closed()).isTrue();
        assertThat(sink(a).goodbye()).isEqualTo("bye\n");
        assertThat(sink(b).closed()).isTrue();
        assertThat(sink(b).goodbye()).isNull();
        assertThat(sink(a).received()).isEmpty();
    }

    @Test
    void destroyClosesAtOnce() {
        ClientConnection a = gw.client(1);
        gw.execute(DESTROY, 1, "", "");
        gw.execute(DESTROY, 5, "", "");
        assertThat(sink(a).destroyed()).isTrue();
    }

    @Test
    void nonScalarBodiesArePhpValues() {
        ClientConnection a = gw.client(1);
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("s:5:\"hello\";"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("i:5;"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("b:1;"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("d:0.5;"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("a:1:{i:0;s:3:\"arr\";}"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("a:2:{s:1:\"k\";s:3:\"a/b\";s:1:\"n\";a:0:{}}"));
        gw.execute(SEND_TO_ONE, 1, 0, "", bytes("N;"));
        assertThat(sink(a).received()).containsExactly("hello\n", "5\n", "1\n", "0.5\n", "[\"arr\"]\n",
                "{\"k\":\"a\\/b\",\"n\":[]}\n");
    }

    @Test
    void setSessionOverwritesAndEmptyClears() {
        ClientConnection a = gw.client(1);
        gw.execute(SET_SESSION, 1, "a:1:{s:1:\"k\";s:1:\"v\";}", "");
        assertThat(Gateway.text(a.session())).isEqualTo("a:1:{s:1:\"k\";s:1:\"v\";}");
        gw.execute(SET_SESSION, 1, "", "");
        assertThat(a.session()).isEmpty();
        gw.execute(SET_SESSION, 9, "x", "");
    }

    @Test
    void updateSessionStoresAsIsWhenEmptyAndMergesRecursivelyOtherwise() {
        ClientConnection a = gw.client(1);
        gw.execute(UPDATE_SESSION, 1, "a:1:{s:1:\"k\";s:1:\"v\";}", "");
        assertThat(Gateway.text(a.session())).isEqualTo("a:1:{s:1:\"k\";s:1:\"v\";}");
        gw.execute(UPDATE_SESSION, 1, "a:1:{s:1:\"n\";i:1;}", "");
        assertThat(Gateway.text(a.session())).isEqualTo("a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}");

        gw.execute(SET_SESSION, 1, "a:2:{s:1:\"p\";a:2:{s:1:\"x\";i:1;s:1:\"y\";i:2;}s:1:\"q\";i:0;}", "");
        gw.execute(UPDATE_SESSION, 1, "a:1:{s:1:\"p\";a:1:{s:1:\"y\";i:3;}}", "");
        assertThat(Gateway.text(a.session()))
                .isEqualTo("a:2:{s:1:\"p\";a:2:{s:1:\"x\";i:1;s:1:\"y\";i:3;}s:1:\"q\";i:0;}");
    }

    @Test
    void unknownAndQueryCodesAreRejected() {
        assertThatThrownBy(() -> gw.execute(99, 0, "", "")).isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("gateway inner pack err cmd=99")
                .satisfies(e -> assertThat(((InvalidCommandException) e).cmd()).isEqualTo(99));
        assertThatThrownBy(() -> gw.handler.execute(GatewayFrame.command(11, 1, SCALAR, null, null)))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> gw.query(SEND_TO_ONE, 1, "")).isInstanceOf(InvalidCommandException.class);
        assertThat(gw.handler.stats().invalidCommands()).isEqualTo(3);
    }
}
