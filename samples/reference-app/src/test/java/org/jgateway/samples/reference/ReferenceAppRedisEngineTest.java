package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.samples.reference.TestClient.Protocol;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference app started as documented for the redis engine, {@code --gateway.cluster.engine=redis
 * --spring.data.redis.port=P} and nothing else changed, against a real redis-server: every row of
 * {@link ReferenceAppTest} gives the same replies, and routing and presence are answered from Redis, not by asking
 * every gateway.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0",
        "gateway.cluster.engine=redis"})
@DirtiesContext
class ReferenceAppRedisEngineTest extends ReferenceAppTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final JsonMapper JSON = JsonMapper.shared();

    @DynamicPropertySource
    static void redisPort(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
    }

    @Autowired
    GatewayTemplate template;

    @Test
    void gatewayStatusShowsTheRedisEngineConnected() throws Exception {
        JsonNode status = JSON.readTree(get("/actuator/gateway-status", "application/json").body());
        assertThat(status.get("cluster").get("engine").asString()).isEqualTo("redis");
        assertThat(status.get("cluster").get("redis").asString()).isEqualTo("connected");
        assertThat(status.get("gateways").get(0).get("engine").get("engine").asString()).isEqualTo("redis");
        assertThat(status.get("workers").get(0).get("engine").get("engine").asString()).isEqualTo("redis");
        assertThat(status.get("history").get("store").asString()).isEqualTo("redis");

        assertThat(get("/actuator/gateway-status", "text/plain").body())
                .containsPattern("(?m)^cluster engine: redis   redis: connected   commands routed \\d+, broadcast \\d+, "
                        + "store failures 0   listeners announced 2, clients indexed \\d+, rebuilds 2, write failures 0$")
                .containsPattern("(?m)^history: redis   appended \\d+");
    }

    @Test
    void theEngineIsScrapedByPrometheus() throws Exception {
        TestClient client = connect(Protocol.TEXT);
        client.send("{\"type\":\"bind\",\"uid\":\"scraped\"}");
        client.next();
        client.send("{\"type\":\"touid\",\"uid\":\"scraped\",\"msg\":\"x\"}");
        assertThat(client.next()).isEqualTo("x");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                JSON.readTree(get("/actuator/gateway-status", "application/json").body()).get("gateways").get(0)
                        .get("engine").get("indexedClients").asLong()).isEqualTo(1));
        assertThat(get("/actuator/prometheus", null).body())
                .containsPattern("(?m)^gateway_discovery_connected\\{.*role=\"gateway\".*} 1(\\.0)?$")
                .containsPattern("(?m)^gateway_engine_listeners_announced\\{.*engine=\"redis\".*} 2(\\.0)?$")
                .containsPattern("(?m)^gateway_engine_index_clients\\{.*engine=\"redis\".*} 1(\\.0)?$")
                .containsPattern("(?m)^gateway_engine_commands_total\\{.*route=\"routed\".*} [1-9]");
    }

    @Test
    void aPushToAUidReachesOnlyTheListenerThatHoldsIt() throws Exception {
        TestClient text = connect(Protocol.TEXT);
        TestClient webSocket = connect(Protocol.WEBSOCKET);
        text.send("{\"type\":\"bind\",\"uid\":\"routed-uid\"}");
        assertThat(text.next()).isEqualTo("{\"type\":\"bound\",\"uid\":\"routed-uid\"}");
        long workerCommandsOnWebSocket = gateway.listener("websocket").stats().workerCommands();
        long routed = routedCommands();

        webSocket.send("{\"type\":\"touid\",\"uid\":\"routed-uid\",\"msg\":\"only text\"}");
        assertThat(text.next()).isEqualTo("only text");

        assertThat(routedCommands()).isEqualTo(routed + 1);
        // The WebSocket listener received no command for the push (Redis said the text listener holds the uid), only
        // the echo of the marker, which travels behind anything sent to it before.
        assertNothingElseFor(webSocket);
        // The gateway counts a command after executing it, so the client may read the echo first; a push that had
        // reached this listener would have been counted before the marker's echo was executed.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                gateway.listener("websocket").stats().workerCommands()).isEqualTo(workerCommandsOnWebSocket + 1));
    }

    @Test
    void presenceIsAnsweredByRedisWithoutAskingTheGateways() throws Exception {
        TestClient a = connect(Protocol.TEXT);
        TestClient b = connect(Protocol.WEBSOCKET);
        String idA = clientId(a);
        a.send("{\"type\":\"bind\",\"uid\":\"present\"}");
        a.next();
        b.send("{\"type\":\"join\",\"group\":\"presence-room\"}");
        String idB = JSON.readTree(b.next()).get("client_id").asString();
        long queries = gatewayQueries();

        assertThat(template.isUidOnline("present")).isTrue();
        assertThat(template.getClientIdByUid("present")).containsExactly(idA);
        assertThat(template.getClientIdCountByGroup("presence-room")).isEqualTo(1);
        assertThat(template.getClientIdListByGroup("presence-room")).containsExactly(idB);
        assertThat(template.getAllClientIdCount()).isEqualTo(2);

        assertThat(gatewayQueries()).as("queries the gateways answered").isEqualTo(queries);
        // Redis holds what it answered from, under the default prefix.
        assertThat((List<?>) redis.command("KEYS", "jgateway:{engine}:*")).isNotEmpty();
    }

    private long gatewayQueries() {
        GatewayServer server = gateway;
        return server.listener("websocket").stats().queries() + server.listener("text").stats().queries();
    }

    private long routedCommands() throws Exception {
        HttpResponse<String> status = get("/actuator/gateway-status", "application/json");
        return JSON.readTree(status.body()).get("workers").get(0).get("engine").get("routed").asLong();
    }
}
