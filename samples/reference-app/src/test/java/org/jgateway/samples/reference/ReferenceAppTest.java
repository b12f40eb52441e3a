package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.protocol.ClientId;
import org.jgateway.samples.reference.TestClient.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every row of the reference app's onMessage table (samples/reference-app/README.md), over real text and WebSocket
 * connections, asserting the exact bytes of every reply; and the actuator endpoints. The application runs with its
 * own application.yml, every port made ephemeral.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0"})
class ReferenceAppTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TestClient.TIMEOUT).build();
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern CLIENT_PORT = Pattern.compile("\"client_port\":(\\d+),");

    @Value("${local.gateway.listeners.websocket.port}")
    int webSocketPort;

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    GatewayServer gateway;

    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void noClientLeftFromAnotherTest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.listener("websocket").clients() == 0
                && gateway.listener("text").clients() == 0);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (TestClient client : clients) {
            client.close();
        }
    }

    // -- not a JSON object with a string type: echoed verbatim --------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void everythingThatIsNotACommandIsEchoedVerbatim(Protocol protocol) throws Exception {
        TestClient client = connect(protocol);
        List<String> messages = List.of(
                "hello world",
                "héllo ✓ 你好",
                "42",
                "\"join\"",
                "null",
                "[1,2,3]",
                "[{\"type\":\"join\",\"group\":\"g\"}]",
                "{}",
                "{\"group\":\"g\"}",
                "{\"type\":5,\"group\":\"g\"}",
                "{\"type\":null}",
                "{\"type\":[\"join\"]}",
                "{\"type\":{\"name\":\"join\"}}",
                "{\"type\":\"join\",\"group\":",
                "{ \"type\" : \"unknown\" , \"x\" : [1, 2] }",
                "{\"type\":\"JOIN\",\"group\":\"g\"}",
                "{\"type\":\"\"}");
        for (String message : messages) {
            client.send(message);
            // the first reply is the echo: connecting sent nothing
            assertThat(client.next()).as(message).isEqualTo(message);
        }
        assertThat(gateway.listener("websocket").clients() + gateway.listener("text").clients()).isEqualTo(1);
    }

    // -- join / leave / say ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void joinSayAndLeave(Protocol protocol) throws Exception {
        TestClient a = connect(protocol);
        TestClient b = connect(protocol.other());
        String idA = clientId(a);
        String idB = clientId(b);

        a.send("{\"type\":\"join\",\"group\":\"room-1\"}");
        assertThat(a.next()).isEqualTo("{\"type\":\"joined\",\"group\":\"room-1\",\"client_id\":\"" + idA + "\"}");
        b.send("{\"type\":\"join\",\"group\":\"room-1\"}");
        assertThat(b.next()).isEqualTo("{\"type\":\"joined\",\"group\":\"room-1\",\"client_id\":\"" + idB + "\"}");

        a.send("{\"type\":\"say\",\"group\":\"room-1\",\"msg\":\"hello room\"}");
        assertThat(a.next()).isEqualTo("hello room");
        assertThat(b.next()).isEqualTo("hello room");

        b.send("{\"type\":\"say\",\"group\":\"room-1\",\"msg\":{\"from\":\"b\",\"n\":[1,2]}}");
        assertThat(a.next()).isEqualTo("{\"from\":\"b\",\"n\":[1,2]}");
        assertThat(b.next()).isEqualTo("{\"from\":\"b\",\"n\":[1,2]}");

        b.send("{\"type\":\"leave\",\"group\":\"room-1\"}");
        assertThat(b.next()).isEqualTo("{\"type\":\"left\",\"group\":\"room-1\"}");

        a.send("{\"type\":\"say\",\"group\":\"room-1\",\"msg\":\"only a\"}");
        assertThat(a.next()).isEqualTo("only a");
        assertNothingElseFor(b);
    }

    // -- all -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void allReachesEveryClientOfEveryListener(Protocol protocol) throws Exception {
        TestClient sender = connect(protocol);
        TestClient same = connect(protocol);
        TestClient other = connect(protocol.other());
        awaitClients(3);

        sender.send("{\"type\":\"all\",\"msg\":\"to everyone\"}");
        for (TestClient client : List.of(sender, same, other)) {
            assertThat(client.next()).isEqualTo("to everyone");
        }
        sender.send("{\"type\":\"all\",\"msg\":[\"a\",{\"b\":true}]}");
        for (TestClient client : List.of(sender, same, other)) {
            assertThat(client.next()).isEqualTo("[\"a\",{\"b\":true}]");
        }
    }

    // -- bind / touid ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void bindAndSendToUid(Protocol protocol) throws Exception {
        TestClient first = connect(protocol);
        TestClient second = connect(protocol.other());
        TestClient sender = connect(protocol);

        first.send("{\"type\":\"bind\",\"uid\":\"user-7\"}");
        assertThat(first.next()).isEqualTo("{\"type\":\"bound\",\"uid\":\"user-7\"}");
        second.send("{\"type\":\"bind\",\"uid\":\"user-7\"}");
        assertThat(second.next()).isEqualTo("{\"type\":\"bound\",\"uid\":\"user-7\"}");

        sender.send("{\"type\":\"touid\",\"uid\":\"user-7\",\"msg\":\"psst\"}");
        assertThat(first.next()).isEqualTo("psst");
        assertThat(second.next()).isEqualTo("psst");
        sender.send("{\"type\":\"touid\",\"uid\":\"user-7\",\"msg\":{\"k\":\"v\"}}");
        assertThat(first.next()).isEqualTo("{\"k\":\"v\"}");
        assertThat(second.next()).isEqualTo("{\"k\":\"v\"}");
        assertNothingElseFor(sender);
    }

    // -- whoami ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void whoamiShowsContextServerVariablesAndSession(Protocol protocol) throws Exception {
        TestClient client = connect(protocol);
        String listener = protocol == Protocol.TEXT ? "text" : "websocket";
        int innerPort = gateway.listener(listener).innerPort();
        int publicPort = gateway.listener(listener).port();

        client.send("{\"type\":\"whoami\"}");
        String reply = client.next();
        Matcher port = CLIENT_PORT.matcher(reply);
        assertThat(port.find()).as(reply).isTrue();
        int clientPort = Integer.parseInt(port.group(1));
        if (client.localPort() > 0) {
            assertThat(clientPort).isEqualTo(client.localPort());
        }
        String id = JSON.readTree(reply).get("client_id").asString();
        ClientId parsed = ClientId.parse(id);
        assertThat(parsed.lanPort()).isEqualTo(innerPort);

        assertThat(reply).isEqualTo("{\"type\":\"whoami\",\"client_id\":\"" + id + "\","
                + "\"context\":{\"client_ip\":2130706433,\"client_port\":" + clientPort + ",\"local_ip\":2130706433,"
                + "\"local_port\":" + innerPort + ",\"connection_id\":" + parsed.connectionIdUnsigned() + "},"
                + "\"server\":{\"REMOTE_ADDR\":\"127.0.0.1\",\"REMOTE_PORT\":" + clientPort + ","
                + "\"GATEWAY_ADDR\":\"127.0.0.1\",\"GATEWAY_PORT\":" + publicPort + ",\"GATEWAY_CLIENT_ID\":\"" + id + "\"},"
                + "\"session\":null}");

        client.send("{\"type\":\"setsession\",\"data\":{\"name\":\"ann\"}}");
        assertThat(client.next()).isEqualTo("{\"type\":\"session\",\"session\":{\"name\":\"ann\"}}");
        client.send("{\"type\":\"whoami\"}");
        assertThat(client.next()).endsWith(",\"session\":{\"name\":\"ann\"}}");
    }

    // -- count -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void countsEveryClientAndEveryGroup(Protocol protocol) throws Exception {
        TestClient a = connect(protocol);
        a.send("{\"type\":\"count\"}");
        assertThat(a.next()).isEqualTo("{\"type\":\"count\",\"all\":1,\"group\":{}}");

        TestClient b = connect(protocol.other());
        a.send("{\"type\":\"join\",\"group\":\"g1\"}");
        a.next();
        b.send("{\"type\":\"join\",\"group\":\"g1\"}");
        b.next();
        b.send("{\"type\":\"count\"}");
        assertThat(b.next()).isEqualTo("{\"type\":\"count\",\"all\":2,\"group\":{\"g1\":2}}");

        b.send("{\"type\":\"join\",\"group\":\"g2\"}");
        b.next();
        a.send("{\"type\":\"count\"}");
        String reply = a.next();
        assertThat(reply).startsWith("{\"type\":\"count\",\"all\":2,\"group\":{");
        assertThat(JSON.convertValue(JSON.readTree(reply).get("group"), Map.class))
                .isEqualTo(Map.of("g1", 2, "g2", 1));
    }

    // -- setsession --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void setSessionMergesIntoTheSession(Protocol protocol) throws Exception {
        TestClient client = connect(protocol);
        client.send("{\"type\":\"setsession\",\"data\":{\"name\":\"ann\",\"n\":1,\"ok\":true}}");
        assertThat(client.next()).isEqualTo("{\"type\":\"session\",\"session\":{\"name\":\"ann\",\"n\":1,\"ok\":true}}");

        client.send("{\"type\":\"setsession\",\"data\":{\"n\":2,\"room\":{\"id\":\"r1\"}}}");
        assertThat(client.next()).isEqualTo(
                "{\"type\":\"session\",\"session\":{\"name\":\"ann\",\"n\":2,\"ok\":true,\"room\":{\"id\":\"r1\"}}}");

        client.send("{\"type\":\"setsession\"}");
        assertThat(client.next()).isEqualTo(
                "{\"type\":\"session\",\"session\":{\"name\":\"ann\",\"n\":2,\"ok\":true,\"room\":{\"id\":\"r1\"}}}");

        TestClient other = connect(protocol.other());
        other.send("{\"type\":\"setsession\",\"data\":{}}");
        assertThat(other.next()).isEqualTo("{\"type\":\"session\",\"session\":{}}");
    }

    // -- close -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void closeDeliversTheMessageThenCloses(Protocol protocol) throws Exception {
        TestClient client = connect(protocol);
        client.send("{\"type\":\"close\",\"msg\":\"goodbye\"}");
        assertThat(client.next()).isEqualTo("goodbye");
        client.awaitClosedByServer();

        TestClient json = connect(protocol);
        json.send("{\"type\":\"close\",\"msg\":{\"type\":\"kicked\"}}");
        assertThat(json.next()).isEqualTo("{\"type\":\"kicked\"}");
        json.awaitClosedByServer();
        awaitClients(0);
    }

    // -- actuator ----------------------------------------------------------------------------------------------

    @Test
    void gatewayStatusListsEveryRole() throws Exception {
        HttpResponse<String> json = get("/actuator/gateway-status", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(json.body());
        assertThat(status.get("registers").size()).isEqualTo(1);
        assertThat(status.get("gateways").get(0).get("listeners").valueStream().map(l -> l.get("name").asString()))
                .containsExactly("websocket", "text");
        assertThat(status.get("workers").get(0).get("name").asString()).isEqualTo("ReferenceWorker");

        HttpResponse<String> text = get("/actuator/gateway-status", "text/plain");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).contains("GLOBAL STATUS", "PROCESS STATUS")
                .containsPattern("(?m)^Gateway +websocket://127\\.0\\.0\\.1:" + webSocketPort + " +websocket ")
                .containsPattern("(?m)^Gateway +text://127\\.0\\.0\\.1:" + textPort + " +text ")
                .containsPattern("(?m)^Worker +none +ReferenceWorker ");
    }

    @Test
    void healthIsUp() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "websocket"})
    void prometheusScrapesTheGatewayMeters(String listener) throws Exception {
        TestClient client = connect(listener.equals("text") ? Protocol.TEXT : Protocol.WEBSOCKET);
        client.send("ping");
        assertThat(client.next()).isEqualTo("ping");

        HttpResponse<String> scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("(?m)^gateway_connections\\{.*listener=\"" + listener + "\".*} 1(\\.0)?$")
                .containsPattern("(?m)^gateway_worker_events_total\\{.*worker=\"ReferenceWorker\".*")
                .contains("gateway_register_peers");
    }

    // -- helpers -----------------------------------------------------------------------------------------------

    TestClient connect(Protocol protocol) throws Exception {
        TestClient client = protocol == Protocol.TEXT ? new TestClient.Text(textPort) : new TestClient.Ws(webSocketPort);
        clients.add(client);
        return client;
    }

    static String clientId(TestClient client) throws Exception {
        client.send("{\"type\":\"whoami\"}");
        String id = JSON.readTree(client.next()).get("client_id").asString();
        assertThat(ClientId.isValid(id)).isTrue();
        return id;
    }

    /** Whatever was on its way to the client arrives before the echo of a marker sent now. */
    static void assertNothingElseFor(TestClient client) throws Exception {
        client.send("marker");
        assertThat(client.next()).isEqualTo("marker");
    }

    void awaitClients(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.listener("websocket").clients()
                + gateway.listener("text").clients() == count);
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(TestClient.TIMEOUT);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
