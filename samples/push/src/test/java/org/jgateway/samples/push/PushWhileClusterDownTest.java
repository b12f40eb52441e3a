package org.jgateway.samples.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.jgateway.samples.target.ChatTargetApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes never vanish: while no gateway can take them the push endpoints answer 503 with a problem detail, whether
 * the push application saw the cluster before (it then still knows its gateways) or never did.
 */
class PushWhileClusterDownTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPushWhileTheClusterIsDownAfterItWasUpIs503() {
        ConfigurableApplicationContext cluster = ChatTargetApplication.start();
        String register = "127.0.0.1:" + cluster.getEnvironment().getRequiredProperty("local.gateway.register.port");
        try (ConfigurableApplicationContext push = pushApplication(register)) {
            URI base = URI.create("http://127.0.0.1:" + push.getEnvironment().getRequiredProperty("local.server.port"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> notify(base).statusCode() == 202);

            cluster.close();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertUnavailable(notify(base)));
            // And it stays so: every push is refused, none is accepted and lost.
            for (int i = 0; i < 20; i++) {
                assertUnavailable(notify(base));
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    void aPushToAClusterNeverSeenIs503() throws IOException {
        try (ServerSocket unused = new ServerSocket(0)) {
            String nowhere = "127.0.0.1:" + unused.getLocalPort();
            unused.close();
            try (ConfigurableApplicationContext push = pushApplication(nowhere)) {
                URI base = URI.create("http://127.0.0.1:"
                        + push.getEnvironment().getRequiredProperty("local.server.port"));
                assertUnavailable(notify(base));
            }
        }
    }

    private static ConfigurableApplicationContext pushApplication(String registerAddress) {
        return new SpringApplicationBuilder(PushApplication.class).bannerMode(Banner.Mode.OFF).run("--server.port=0",
                "--gateway.register-address=" + registerAddress, "--gateway.client.query-timeout=2s");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(JsonMapper.shared().readTree(response.body()).get("title").asString())
                .isEqualTo("Gateway cluster unavailable");
    }

    private HttpResponse<String> notify(URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/notify/all")).header("Content-Type", "text/plain")
                    .POST(BodyPublishers.ofString("hello")).build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
