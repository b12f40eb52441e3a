package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgateway.client.FrameAssertions.assertCommand;
import static org.jgateway.client.FrameAssertions.assertJsonCommand;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jgateway.client.RecordingTransport.Sent;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.test.GoldenTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every command of the API produces exactly GatewayWorker's frames, to exactly the right gateways. */
class TransportGatewayApiCommandTest {

    static final String G1 = "127.0.0.1:2900";
    static final String G2 = "127.0.0.1:2901";
    /** Connections 1 and 2 on G1 (port 0x0b54), 3 on G2 (0x0b55). */
    static final String C1 = "7f0000010b5400000001";
    static final String C2 = "7f0000010b5400000002";
    static final String C3 = "7f0000010b5500000003";

    private static final int SCALAR = 1;
    private static final int SCALAR_RAW = 3;

    private final RecordingTransport transport = new RecordingTransport(G1, G2);
    private final TransportGatewayApi api = new TransportGatewayApi(transport);
    private final GoldenTrace golden = GoldenTrace.load();

    @AfterEach
    void unbind() {
        ClientContextHolder.bind(null);
    }

    private byte[] goldenFrame(String name) {
        return golden.namedFrames().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().bytes();
    }

    private Sent only() {
        assertThat(transport.commands()).hasSize(1);
        return transport.commands().get(0);
    }

    private List<Sent> sent() {
        return transport.commands();
    }

    @Test
    void sendToClientIsTheGoldenSendToOneFrameToTheOwningGateway() {
        assertThat(api.sendToClient("7f0000010f3c00000002", "hi there")).isTrue();
        Sent sent = only();
        assertThat(sent.gateway()).isEqualTo("127.0.0.1:3900");
        assertThat(FrameAssertions.bytes(sent.frame())).isEqualTo(goldenFrame("SEND_TO_ONE"));
    }

    @Test
    void rawSendSetsNotCallEncode() {
        api.sendToClient(C3, "x", true);
        Sent sent = only();
        assertThat(sent.gateway()).isEqualTo(G2);
        assertCommand(sent.frame(), GatewayCommand.SEND_TO_ONE, 3, SCALAR_RAW, "", "x");
    }

    @Test
    void sendToAllWithoutListsBroadcastsWithEmptyExt() {
        api.sendToAll("to-all");
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2);
        sent().forEach(s -> assertCommand(s.frame(), GatewayCommand.SEND_TO_ALL, 0, SCALAR, "", "to-all"));
    }

    @Test
    void sendToAllWithClientIdsGoesOnlyToTheirGatewaysMinusExcluded() {
        api.sendToAll("to-listed", List.of(C1, C3, C2, C1), List.of(C3), true);
        Sent sent = only();
        assertThat(sent.gateway()).isEqualTo(G1);
        assertJsonCommand(sent.frame(), GatewayCommand.SEND_TO_ALL, 0, SCALAR_RAW, "{\"connections\":{\"1\":1,\"2\":2}}",
                "to-listed");
    }

    @Test
    void sendToAllWithAnEmptyOrFullyExcludedListSendsNothing() {
        api.sendToAll("x", List.of(), null, false);
        api.sendToAll("x", List.of(C1), List.of(C1), false);
        assertThat(sent()).isEmpty();
    }

    @Test
    void sendToAllWithExcludeOnlySendsPerGatewayExcludeMaps() {
        api.sendToAll("x", null, List.of(C2, C1), false);
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2);
        assertJsonCommand(sent().get(0).frame(), GatewayCommand.SEND_TO_ALL, 0, SCALAR,
                "{\"exclude\":{\"2\":2,\"1\":1}}", "x");
        assertCommand(sent().get(1).frame(), GatewayCommand.SEND_TO_ALL, 0, SCALAR, "", "x");
    }

    @Test
    void sendToGroupIsTheGoldenFrameOnEveryGateway() {
        api.sendToGroup("room1", "to-group");
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2);
        for (Sent s : sent()) {
            assertThat(FrameAssertions.bytes(s.frame())).isEqualTo(goldenFrame("SEND_TO_GROUP"));
        }
    }

    @Test
    void sendToGroupsListsEachGroupOnceWithPerGatewayExcludes() {
        api.sendToGroup(List.of("a", "0", "a"), "m", List.of(C1), true);
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2);
        assertJsonCommand(sent().get(0).frame(), GatewayCommand.SEND_TO_GROUP, 0, SCALAR_RAW,
                "{\"group\":[\"a\",\"0\"],\"exclude\":{\"1\":1}}", "m");
        assertJsonCommand(sent().get(1).frame(), GatewayCommand.SEND_TO_GROUP, 0, SCALAR_RAW,
                "{\"group\":[\"a\",\"0\"],\"exclude\":null}", "m");
    }

    @Test
    void sendToUidBroadcastsTheJsonListOfUids() {
        api.sendToUid("u42", "to-uid");
        api.sendToUid(List.of("1", "0"), "m", true);
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2, G1, G2);
        assertCommand(sent().get(0).frame(), GatewayCommand.SEND_TO_UID, 0, SCALAR, "[\"u42\"]", "to-uid");
        assertCommand(sent().get(3).frame(), GatewayCommand.SEND_TO_UID, 0, SCALAR_RAW, "[\"1\",\"0\"]", "m");
    }

    @Test
    void emptyCollectionsOfUidsOrGroupsSendNothing() {
        api.sendToUid(List.of(), "m", false);
        api.sendToGroup(List.of(), "m", null, false);
        assertThat(sent()).isEmpty();
    }

    @Test
    void closeClientWithoutGoodbyeSendsPhpNullWithFlagZero() {
        assertThat(api.closeClient(C2)).isTrue();
        assertCommand(only().frame(), GatewayCommand.KICK, 2, 0, "", "N;");
        assertThat(only().gateway()).isEqualTo(G1);
    }

    @Test
    void closeClientWithGoodbyeSendsItAsScalar() {
        api.closeClient(C3, "bye");
        assertCommand(only().frame(), GatewayCommand.KICK, 3, SCALAR, "", "bye");
    }

    @Test
    void destroyClient() {
        api.destroyClient(C3);
        assertThat(only().gateway()).isEqualTo(G2);
        assertCommand(only().frame(), GatewayCommand.DESTROY, 3, SCALAR, "", "");
    }

    @Test
    void uidAndGroupMembershipCommandsCarryTheIdInExt() {
        api.bindUid(C1, "0");
        api.unbindUid(C1, "u1");
        api.joinGroup(C3, "room1");
        api.leaveGroup(C3, "room1");
        List<Sent> sent = sent();
        assertThat(sent).extracting(Sent::gateway).containsExactly(G1, G1, G2, G2);
        assertCommand(sent.get(0).frame(), GatewayCommand.BIND_UID, 1, SCALAR, "0", "");
        assertCommand(sent.get(1).frame(), GatewayCommand.UNBIND_UID, 1, SCALAR, "u1", "");
        assertCommand(sent.get(2).frame(), GatewayCommand.JOIN_GROUP, 3, SCALAR, "room1", "");
        assertCommand(sent.get(3).frame(), GatewayCommand.LEAVE_GROUP, 3, SCALAR, "room1", "");
    }

    @Test
    void ungroupBroadcasts() {
        api.ungroup("room1");
        assertThat(sent()).extracting(Sent::gateway).containsExactly(G1, G2);
        sent().forEach(s -> assertCommand(s.frame(), GatewayCommand.UNGROUP, 0, SCALAR, "room1", ""));
    }

    @Test
    void messagesBecomeBytesAsDocumented() {
        api.sendToClient(C1, 5);
        api.sendToClient(C1, true);
        api.sendToClient(C1, false);
        api.sendToClient(C1, 1.5);
        api.sendToClient(C1, new byte[] {1, 2});
        api.sendToClient(C1, Map.of("type", "say"));
        api.sendToClient(C1, new Note("hi", 2));
        assertThat(sent()).extracting(s -> new String(s.frame().body(), StandardCharsets.UTF_8))
                .containsExactly("5", "1", "", "1.5", "\u0001\u0002", "{\"type\":\"say\"}", "{\"text\":\"hi\",\"n\":2}");
        assertThat(sent()).allSatisfy(s -> assertThat(s.frame().flag()).isEqualTo(SCALAR));
    }

    record Note(String text, int n) {
    }

    @Test
    void currentClientMethodsNeedACallback() {
        assertThatThrownBy(() -> api.sendToCurrentClient("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sendToCurrentClient can not be called in async context");
        assertThatThrownBy(api::closeCurrentClient).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closeCurrentClient can not be called in async context");
        assertThatThrownBy(api::destroyCurrentClient).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("destroyCurrentClient");
        assertThat(sent()).isEmpty();
    }

    @Test
    void currentClientMethodsTargetTheContextsClient() {
        ClientContextHolder.bind(new TestContext(C3));
        api.sendToCurrentClient("a");
        api.sendToCurrentClient("b", true);
        api.closeCurrentClient("bye");
        api.destroyCurrentClient();
        List<Sent> sent = sent();
        assertThat(sent).extracting(Sent::gateway).containsOnly(G2);
        assertCommand(sent.get(0).frame(), GatewayCommand.SEND_TO_ONE, 3, SCALAR, "", "a");
        assertCommand(sent.get(1).frame(), GatewayCommand.SEND_TO_ONE, 3, SCALAR_RAW, "", "b");
        assertCommand(sent.get(2).frame(), GatewayCommand.KICK, 3, SCALAR, "", "bye");
        assertCommand(sent.get(3).frame(), GatewayCommand.DESTROY, 3, SCALAR, "", "");
    }

    @Test
    void argumentsAreValidatedBeforeAnythingIsSent() {
        assertInvalid(a -> a.sendToClient("7F0000010b5400000001", "x"), "Invalid client_id");
        assertInvalid(a -> a.sendToClient("short", "x"), "Invalid client_id");
        assertInvalid(a -> a.sendToClient(null, "x"), "clientId must not be null");
        assertInvalid(a -> a.sendToClient(C1, null), "message must not be null");
        assertInvalid(a -> a.joinGroup(C1, ""), "group must not be empty");
        assertInvalid(a -> a.bindUid(C1, null), "uid must not be null");
        assertInvalid(a -> a.sendToGroup("", "x"), "group must not be empty");
        assertInvalid(a -> a.sendToUid(List.of("u", ""), "x", false), "uid must not be empty");
        assertInvalid(a -> a.sendToGroup((Collection<String>) null, "x", null, false), "group collection must not be null");
        assertInvalid(a -> a.sendToAll("x", List.of(C1, "nope"), null, false), "Invalid client_id");
        assertInvalid(a -> a.ungroup(""), "group must not be empty");
        assertInvalid(a -> a.updateSession(C1, null), "session must not be null");
        assertThat(sent()).isEmpty();
    }

    private void assertInvalid(Consumer<GatewayApi> call, String message) {
        assertThatThrownBy(() -> call.accept(api)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void sendReportsTheTransportsAnswer() {
        GatewayTransport refusing = new RecordingTransport(G1) {
            @Override
            public boolean send(String gatewayAddress, GatewayFrame command) {
                return false;
            }
        };
        assertThat(new TransportGatewayApi(refusing).sendToClient(C1, "x")).isFalse();
    }

    /** A client context recording the session calls. */
    static final class TestContext implements ClientContext {
        final String clientId;
        final List<Object> calls = new java.util.ArrayList<>();

        TestContext(String clientId) {
            this.clientId = clientId;
        }

        @Override
        public String clientId() {
            return clientId;
        }

        @Override
        public void sessionReplaced(Map<String, Object> session) {
            calls.add(List.of("replaced", session));
        }

        @Override
        public void sessionMerged(Map<String, Object> partial) {
            calls.add(List.of("merged", partial));
        }
    }
}
