package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference app carries the redis engine's starter, yet with the default engine ({@code register}) it needs no
 * Redis: it starts, is healthy, and never connects to {@code spring.data.redis.*}, here a listening socket that
 * accepts nothing on its own and would queue any connection attempt.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0"})
@DirtiesContext
class ReferenceAppWithoutRedisTest {

    private static final ServerSocketChannel NOT_REDIS = listen();

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void redisAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> NOT_REDIS.socket().getLocalPort());
    }

    @AfterAll
    static void close() throws IOException {
        NOT_REDIS.close();
    }

    @Test
    void healthyWithoutEverConnectingToRedis() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                        .timeout(TestClient.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JsonMapper.shared().readTree(health.body());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(body.get("status").asString()).isEqualTo("UP");
        HttpResponse<String> status = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/gateway-status"))
                        .header("Accept", "application/json").timeout(TestClient.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JsonMapper.shared().readTree(status.body()).get("cluster").get("engine").asString())
                .isEqualTo("register");

        assertThat(NOT_REDIS.accept()).as("a connection to spring.data.redis.port").isNull();
    }

    private static ServerSocketChannel listen() {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
