package org.jgateway.samples.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.samples.target.ChatTargetApplication;
import org.jgateway.test.TextClient;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push application against a running cluster, over real HTTP and real client connections. The cluster is a
 * small all-roles application started in this JVM ({@link ChatTargetApplication}); the push application knows it
 * only by its register address, as it would know the chat sample or a PHP GatewayWorker cluster.
 */
class PushEndpointsTest {

    private static final String TEXT = "text/plain";
    private static final String JSON = "application/json";

    private static ConfigurableApplicationContext cluster;
    private static ConfigurableApplicationContext push;
    private static String registerAddress;
    private static int textPort;
    private static URI base;
    private static HttpClient http;

    private final List<TextClient> clients = new ArrayList<>();
    /** Each client's client_id, from the welcome line the cluster greets it with. */
    private final Map<TextClient, String> clientIds = new IdentityHashMap<>();

    @BeforeAll
    static void start() {
        cluster = ChatTargetApplication.start();
        registerAddress = "127.0.0.1:" + port(cluster, "local.gateway.register.port");
        textPort = port(cluster, "local.gateway.listeners.text.port");
        // Command-line arguments: they win over application.yml, as on a real command line.
        push = new SpringApplicationBuilder(PushApplication.class).bannerMode(Banner.Mode.OFF).run("--server.port=0",
                "--gateway.register-address=" + registerAddress, "--gateway.client.query-timeout=2s");
        base = URI.create("http://127.0.0.1:" + port(push, "local.server.port"));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (push != null) {
            push.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(TextClient::close);
        // The next test counts from zero.
        await().untilAsserted(() -> assertThat(json(get("/online/count")).get("count").asInt()).isZero());
    }

    @Test
    void runsNoRoleOfItsOwn() {
        assertThat(push.getBeansOfType(RegisterServer.class)).isEmpty();
        assertThat(push.getBeansOfType(GatewayServer.class)).isEmpty();
        assertThat(push.getBeansOfType(BusinessWorker.class)).isEmpty();
    }

    @Test
    void pushesReachExactlyTheirAddressees() {
        TextClient ann = connect();
        TextClient bob = connect();
        TextClient cid = connect();
        assertThat(put("/clients/" + clientId(ann) + "/groups/news").statusCode()).isEqualTo(204);
        assertThat(put("/clients/" + clientId(bob) + "/groups/news").statusCode()).isEqualTo(204);
        assertThat(put("/clients/" + clientId(cid) + "/uid/alice").statusCode()).isEqualTo(204);

        // The commands travel in order on one connection per gateway: no wait between joining and pushing.
        assertThat(post("/notify/group/news", "breaking news", TEXT).statusCode()).isEqualTo(202);
        assertThat(post("/notify/uid/alice", "{\"type\":\"dm\",\"text\":\"hi alice\"}", JSON).statusCode())
                .isEqualTo(202);
        assertThat(post("/notify/all", "to everybody", TEXT).statusCode()).isEqualTo(202);

        // Each client's next line after its own push is the broadcast: nobody got someone else's push.
        assertThat(ann.read()).isEqualTo("breaking news");
        assertThat(ann.read()).isEqualTo("to everybody");
        assertThat(bob.read()).isEqualTo("breaking news");
        assertThat(bob.read()).isEqualTo("to everybody");
        assertThat(cid.read()).isEqualTo("{\"type\":\"dm\",\"text\":\"hi alice\"}");
        assertThat(cid.read()).isEqualTo("to everybody");
    }

    @Test
    void reportsWhoIsOnline() {
        TextClient ann = connect();
        TextClient bob = connect();
        TextClient cid = connect();
        put("/clients/" + clientId(ann) + "/groups/room");
        put("/clients/" + clientId(bob) + "/groups/room");
        put("/clients/" + clientId(cid) + "/uid/carol");

        // Queries travel on another connection than commands, so the joins may need a moment to show.
        await().untilAsserted(() -> {
            assertThat(json(get("/online/count")).get("count").asInt()).isEqualTo(3);
            JsonNode room = json(get("/online/groups/room"));
            assertThat(room.get("count").asInt()).isEqualTo(2);
            assertThat(room.get("clientIds").valueStream().map(JsonNode::asString))
                    .containsExactlyInAnyOrder(clientId(ann), clientId(bob));
            JsonNode carol = json(get("/online/uid/carol"));
            assertThat(carol.get("online").asBoolean()).isTrue();
            assertThat(carol.get("clientIds").valueStream().map(JsonNode::asString)).containsExactly(clientId(cid));
        });
        assertThat(json(get("/online/uid/nobody")).get("online").asBoolean()).isFalse();

        assertThat(delete("/clients/" + clientId(ann) + "/groups/room").statusCode()).isEqualTo(204);
        cid.close();
        await().untilAsserted(() -> {
            assertThat(json(get("/online/groups/room")).get("clientIds").valueStream().map(JsonNode::asString))
                    .containsExactly(clientId(bob));
            assertThat(json(get("/online/uid/carol")).get("online").asBoolean()).isFalse();
        });
    }

    @Test
    void invalidArgumentsAreBadRequests() {
        HttpResponse<String> badClientId = put("/clients/not-a-client-id/uid/alice");
        assertThat(badClientId.statusCode()).isEqualTo(400);
        assertThat(badClientId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(badClientId).get("title").asString()).isEqualTo("Invalid argument");

        HttpResponse<String> noMessage = post("/notify/all", "", TEXT);
        assertThat(noMessage.statusCode()).isEqualTo(400);
        assertThat(noMessage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aGatewayThatDoesNotAnswerMakesQueriesUnavailableAndNamesIt() throws IOException {
        String ghost = "127.0.0.1:" + closedPort();
        try (Socket ghostRegistration = new Socket("127.0.0.1", Integer.parseInt(registerAddress.split(":")[1]))) {
            // A gateway announcing itself the way GatewayWorker's do, then never reachable at its inner address.
            OutputStream out = ghostRegistration.getOutputStream();
            out.write(("{\"event\":\"gateway_connect\", \"address\":\"" + ghost + "\", \"secret_key\":\"\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            await().untilAsserted(() -> {
                HttpResponse<String> response = get("/online/count");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = json(response);
                assertThat(problem.get("title").asString()).isEqualTo("Gateway did not answer");
                assertThat(problem.get("missingGateways").propertyNames()).containsExactly(ghost);
            });
        }
        // Its registration closed, the register forgets it and the queries are whole again.
        await().untilAsserted(() -> assertThat(get("/online/count").statusCode()).isEqualTo(200));
    }

    private TextClient connect() {
        TextClient client = new TextClient("127.0.0.1", textPort);
        clients.add(client);
        String welcome = client.read();
        assertThat(welcome).startsWith("welcome ");
        clientIds.put(client, welcome.substring("welcome ".length()));
        return client;
    }

    private String clientId(TextClient client) {
        return clientIds.get(client);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int port(ConfigurableApplicationContext context, String property) {
        return context.getEnvironment().getRequiredProperty(property, Integer.class);
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private static HttpResponse<String> put(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(BodyPublishers.noBody()));
    }

    private static HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private static HttpResponse<String> post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
