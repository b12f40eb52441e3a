package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.gateway.GatewayStats;
import org.jgateway.spring.test.TestCluster;
import org.jgateway.spring.test.TestClusterConfiguration;
import org.jgateway.test.TextClient;
import org.jgateway.worker.WorkerStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The endpoint, health and Prometheus scrape over HTTP, in a full Spring Boot web application. */
@SpringBootTest(classes = GatewayActuatorWebIntegrationTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=gateway-status,health,prometheus",
                "management.endpoint.health.show-details=always"})
class GatewayActuatorWebIntegrationTest {

    // The core auto-configuration would create roles from properties; this test brings its own.
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.jgateway.autoconfigure.GatewayAutoConfiguration")
    @Import(TestClusterConfiguration.class)
    static class App {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TestCluster cluster;

    @BeforeEach
    void noClientLeftFromAnotherTest() {
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.gateway().listener("text").clients() == 0);
    }

    @Test
    void statusAsJson() throws Exception {
        try (TextClient client = cluster.connect()) {
            client.echo("hi");
            HttpResponse<String> response = get("/actuator/gateway-status", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("json");
            DocumentContext json = JsonPath.parse(response.body());
            assertThat(json.read("$.registers.length()", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.registers[0].running", Boolean.class)).isTrue();
            assertThat(json.read("$.registers[0].workerConnections", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.gateways[0].registersConnected", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.gateways[0].listeners[0].name", String.class)).isEqualTo("text");
            assertThat(json.read("$.gateways[0].listeners[0].clients", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.gateways[0].listeners[0].workersConnected", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.gateways[0].listeners[0].qps", Double.class)).isNotNegative();
            assertThat(json.read("$.gateways[0].listeners[0].startTime", String.class)).matches("\\d{4}-.*Z");
            assertThat(json.read("$.workers[0].gatewaysConnected", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.workers[0].gatewaysKnown", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.workers[0].registersConnected", Integer.class)).isEqualTo(1);
            assertThat(json.read("$.global.memory.heapUsed", Long.class)).isPositive();
        }
    }

    @Test
    void statusAsTextForTextPlain() throws Exception {
        HttpResponse<String> response = get("/actuator/gateway-status", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(response.body()).contains("GLOBAL STATUS", "PROCESS STATUS")
                .containsPattern("(?m)^role +listening +name +connections +send_fail +total_request +qps +peers +status$")
                .containsPattern("(?m)^Register +text://127\\.0\\.0\\.1:\\d+ ")
                .containsPattern("(?m)^Gateway +text://127\\.0\\.0\\.1:\\d+ +text ")
                .containsPattern("(?m)^Worker +none +BusinessWorker ")
                .containsPattern("(?m)^Summary ");
    }

    @Test
    void browsersGetJson() throws Exception {
        HttpResponse<String> response = get("/actuator/gateway-status",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{");
    }

    @Test
    void healthShowsTheGatewayComponent() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.components.gateway.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.gateway.details.gateway.registersConnected", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.components.gateway.details.gateway.workersPerListener.text", Integer.class))
                .isEqualTo(1);
        assertThat(json.read("$.components.gateway.details.worker.gatewaysConnected", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.components.gateway.details.register.running", Boolean.class)).isTrue();
    }

    @Test
    void prometheusScrapeCountsTheTraffic() throws Exception {
        GatewayStats gateway = cluster.gateway().listener("text").stats();
        WorkerStats worker = cluster.worker().stats();
        long messagesIn = gateway.clientMessagesIn();
        long bytesIn = gateway.clientBytesIn();
        long messagesOut = cluster.gateway().listener("text").commandStats().messagesSent();
        long eventsHandled = worker.eventsHandled();
        try (TextClient client = cluster.connect()) {
            for (String message : new String[] {"one", "two", "three"}) {
                assertThat(client.echo(message)).isEqualTo(message);
            }
            // connect + 3 messages handled by the worker, 3 replies handed to the client.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String scrape = get("/actuator/prometheus", null).body();
                assertThat(value(scrape, "gateway_connections", "listener=\"text\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_messages_in_total", "listener=\"text\"")).isEqualTo(messagesIn + 3);
                assertThat(value(scrape, "gateway_bytes_in_total", "listener=\"text\"")).isEqualTo(bytesIn + 11);
                assertThat(value(scrape, "gateway_messages_out_total", "listener=\"text\""))
                        .isEqualTo(messagesOut + 3);
                assertThat(value(scrape, "gateway_workers_connected", "listener=\"text\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_send_failures_total", "listener=\"text\"",
                        "reason=\"client_closed\"")).isZero();
                assertThat(value(scrape, "gateway_worker_events_total", "type=\"handled\"",
                        "worker=\"BusinessWorker\"")).isEqualTo(eventsHandled + 4);
                assertThat(value(scrape, "gateway_worker_event_latency_seconds_count", "worker=\"BusinessWorker\""))
                        .isEqualTo(eventsHandled + 4);
                assertThat(value(scrape, "gateway_worker_queue_depth", "worker=\"BusinessWorker\"")).isZero();
                assertThat(value(scrape, "gateway_register_peers", "role=\"gateway\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_register_peers", "role=\"worker\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_registers_connected", "role=\"gateway\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_registers_connected", "role=\"worker\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_worker_gateways", "state=\"connected\"")).isEqualTo(1);
                assertThat(value(scrape, "gateway_peers_stalled_total", "role=\"gateway\"", "peer=\"worker\""))
                        .isZero();
                assertThat(value(scrape, "gateway_peers_stalled_total", "role=\"worker\"", "peer=\"gateway\""))
                        .isZero();
                assertThat(value(scrape, "gateway_peers_stalled_total", "role=\"worker\"", "peer=\"register\""))
                        .isZero();
            });
        }
    }

    /** The value of the one sample of {@code name} that has all of {@code labels}. */
    private static double value(String scrape, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        Double found = null;
        while (sample.find()) {
            boolean matches = true;
            for (String label : labels) {
                matches &= sample.group(1).contains(label);
            }
            if (matches) {
                assertThat(found).as("more than one %s sample with %s", name, String.join(",", labels)).isNull();
                found = Double.parseDouble(sample.group(2));
            }
        }
        assertThat(found).as("%s sample with %s in%n%s", name, String.join(",", labels), scrape).isNotNull();
        return found;
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
