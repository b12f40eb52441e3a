package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.samples.reference.TestClient.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The History rows of the reference app's table (samples/reference-app/README.md): groups named {@code h:*} number
 * their messages, and {@code resume} gives a client what it missed, exactly once and in order, or says that it cannot.
 */
@SpringBootTest(properties = {"gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0", "server.port=0"})
class ReferenceHistoryTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final AtomicInteger GROUPS = new AtomicInteger();

    @Value("${local.gateway.listeners.websocket.port}")
    int webSocketPort;

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (TestClient client : clients) {
            client.close();
        }
    }

    private TestClient connect(Protocol protocol) {
        TestClient client;
        try {
            client = protocol == Protocol.TEXT ? new TestClient.Text(textPort) : new TestClient.Ws(webSocketPort);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        clients.add(client);
        return client;
    }

    private static String newGroup() {
        return "h:room-" + GROUPS.incrementAndGet();
    }

    private static void join(TestClient client, String group) throws Exception {
        client.send("{\"type\":\"join\",\"group\":\"" + group + "\"}");
        assertThat(JSON.readTree(client.next()).get("type").asString()).isEqualTo("joined");
    }

    private static void say(TestClient client, String group, String msg) throws Exception {
        client.send("{\"type\":\"say\",\"group\":\"" + group + "\",\"msg\":" + msg + "}");
    }

    private static String msg(String group, long offset, String epoch, String msg) {
        return "{\"type\":\"msg\",\"group\":\"" + group + "\",\"offset\":" + offset + ",\"epoch\":\"" + epoch
                + "\",\"msg\":" + msg + "}";
    }

    private static String resumed(String group, boolean recovered, long offset, String epoch) {
        return "{\"type\":\"resumed\",\"group\":\"" + group + "\",\"recovered\":" + recovered + ",\"offset\":" + offset
                + ",\"epoch\":\"" + epoch + "\"}";
    }

    private static void assertNothingElseFor(TestClient client) throws Exception {
        client.send("marker");
        assertThat(client.next()).isEqualTo("marker");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void messagesToHistoryGroupsCarryTheirOffsetAndEpoch(Protocol protocol) throws Exception {
        String group = newGroup();
        TestClient a = connect(protocol);
        TestClient b = connect(protocol.other());
        join(a, group);
        join(b, group);
        say(a, group, "\"hello\"");
        JsonNode first = JSON.readTree(a.next());
        String epoch = first.get("epoch").asString();
        assertThat(epoch).isNotEmpty();
        assertThat(first.toString()).isEqualTo(msg(group, 1, epoch, "\"hello\""));
        assertThat(b.next()).isEqualTo(msg(group, 1, epoch, "\"hello\""));
        say(b, group, "{\"n\":[1,2]}");
        assertThat(a.next()).isEqualTo(msg(group, 2, epoch, "{\"n\":[1,2]}"));
        assertThat(b.next()).isEqualTo(msg(group, 2, epoch, "{\"n\":[1,2]}"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void resumeGivesWhatWasMissedExactlyOnceInOrderThenLiveMessages(Protocol protocol) throws Exception {
        String group = newGroup();
        TestClient reader = connect(protocol);
        TestClient writer = connect(protocol.other());
        join(reader, group);
        say(writer, group, "\"m1\"");
        String epoch = JSON.readTree(reader.next()).get("epoch").asString();
        say(writer, group, "\"m2\"");
        assertThat(reader.next()).isEqualTo(msg(group, 2, epoch, "\"m2\""));
        reader.close();
        for (int i = 3; i <= 7; i++) {
            say(writer, group, "\"m" + i + "\"");
        }
        assertNothingElseFor(writer);

        TestClient back = connect(protocol);
        back.send("{\"type\":\"resume\",\"group\":\"" + group + "\",\"offset\":2,\"epoch\":\"" + epoch + "\"}");
        for (int i = 3; i <= 7; i++) {
            assertThat(back.next()).isEqualTo(msg(group, i, epoch, "\"m" + i + "\""));
        }
        assertThat(back.next()).isEqualTo(resumed(group, true, 7, epoch));
        say(writer, group, "\"m8\"");
        assertThat(back.next()).isEqualTo(msg(group, 8, epoch, "\"m8\""));
        assertNothingElseFor(back);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anUnknownEpochRecoversNothingAndGivesTheCurrentPosition(Protocol protocol) throws Exception {
        String group = newGroup();
        TestClient writer = connect(protocol.other());
        TestClient back = connect(protocol);
        join(writer, group);
        say(writer, group, "\"m1\"");
        String epoch = JSON.readTree(writer.next()).get("epoch").asString();
        back.send("{\"type\":\"resume\",\"group\":\"" + group + "\",\"offset\":0,\"epoch\":\"x" + epoch + "\"}");
        assertThat(back.next()).isEqualTo(resumed(group, false, 1, epoch));
        say(writer, group, "\"m2\"");
        assertThat(back.next()).isEqualTo(msg(group, 2, epoch, "\"m2\""));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anOffsetOlderThanTheKeptHistoryRecoversNothing(Protocol protocol) throws Exception {
        String group = newGroup();
        TestClient writer = connect(protocol.other());
        join(writer, group);
        String epoch = null;
        // The reference app keeps the last 100 messages.
        for (int i = 1; i <= 102; i++) {
            say(writer, group, Integer.toString(i));
            epoch = JSON.readTree(writer.next()).get("epoch").asString();
        }
        TestClient back = connect(protocol);
        back.send("{\"type\":\"resume\",\"group\":\"" + group + "\",\"offset\":1,\"epoch\":\"" + epoch + "\"}");
        assertThat(back.next()).isEqualTo(resumed(group, false, 102, epoch));
        TestClient fromTwo = connect(protocol);
        fromTwo.send("{\"type\":\"resume\",\"group\":\"" + group + "\",\"offset\":2,\"epoch\":\"" + epoch + "\"}");
        for (int i = 3; i <= 102; i++) {
            assertThat(fromTwo.next()).isEqualTo(msg(group, i, epoch, Integer.toString(i)));
        }
        assertThat(fromTwo.next()).isEqualTo(resumed(group, true, 102, epoch));
    }
}
