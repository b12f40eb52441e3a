package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jgateway.autoconfigure.actuate.GatewayHealthContributorAutoConfiguration;
import org.jgateway.autoconfigure.actuate.GatewayStatusEndpointAutoConfiguration;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.spring.actuate.GatewayHealthIndicator;
import org.jgateway.spring.actuate.GatewayStatusDescriptor;
import org.jgateway.spring.actuate.GatewayStatusEndpoint;
import org.jgateway.spring.test.TestCluster;
import org.jgateway.spring.test.TestClusterConfiguration;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The status endpoint and health indicator beans, invoked directly, over a running register, gateway and worker. */
class GatewayStatusEndpointTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayStatusEndpointAutoConfiguration.class,
                    GatewayHealthContributorAutoConfiguration.class))
            .withUserConfiguration(TestClusterConfiguration.class)
            .withPropertyValues("management.endpoints.web.exposure.include=gateway-status");

    @Test
    void reportsEveryRoleWithAConnectedClient() {
        runner.run(context -> {
            TestCluster cluster = context.getBean(TestCluster.class);
            GatewayStatusEndpoint endpoint = context.getBean(GatewayStatusEndpoint.class);
            ListenerStatus text = cluster.gateway().listener("text");
            try (TextClient client = cluster.connect()) {
                assertThat(client.echo("hello")).isEqualTo("hello");
                // The gateway counts a command once it has executed it, which can be after the client read the reply.
                await().atMost(Duration.ofSeconds(5)).until(() -> text.stats().workerCommands() == 1
                        && cluster.worker().stats().eventsHandled() == 2);

                GatewayStatusDescriptor status = endpoint.status();

                assertThat(status.global().version()).isNotBlank();
                assertThat(status.global().uptimeSeconds()).isNotNegative();
                assertThat(status.global().memory().heapUsed()).isPositive();
                assertThat(status.registers()).singleElement().satisfies(register -> {
                    assertThat(register.running()).isTrue();
                    assertThat(register.listening()).isEqualTo("text://127.0.0.1:" + cluster.register().port());
                    assertThat(register.gatewayAddresses()).containsExactly(text.innerAddress());
                    assertThat(register.workerConnections()).isEqualTo(1);
                    assertThat(register.connections()).isEqualTo(2);
                });
                assertThat(status.gateways()).singleElement().satisfies(gateway -> {
                    assertThat(gateway.registersConnected()).isEqualTo(1);
                    assertThat(gateway.listeners()).singleElement().satisfies(listener -> {
                        assertThat(listener.name()).isEqualTo("text");
                        assertThat(listener.listening()).isEqualTo("text://127.0.0.1:" + text.port());
                        assertThat(listener.clients()).isEqualTo(1);
                        assertThat(listener.workersConnected()).isEqualTo(1);
                        assertThat(listener.workers()).containsExactlyElementsOf(text.workers());
                        assertThat(listener.totalRequests()).isEqualTo(2);
                        assertThat(listener.sendFailures()).isZero();
                        assertThat(listener.counters().clientMessagesIn()).isEqualTo(1);
                        assertThat(listener.counters().clientBytesIn()).isEqualTo("hello".length());
                        assertThat(listener.counters().messagesSent()).isEqualTo(1);
                        assertThat(listener.counters().eventsToWorkers()).isEqualTo(2);
                    });
                });
                assertThat(status.workers()).singleElement().satisfies(worker -> {
                    assertThat(worker.name()).isEqualTo("BusinessWorker");
                    assertThat(worker.registersConnected()).isEqualTo(1);
                    assertThat(worker.gatewaysKnown()).isEqualTo(1);
                    assertThat(worker.gatewaysConnected()).isEqualTo(1);
                    assertThat(worker.connectedGateways()).containsExactly(text.innerAddress());
                    assertThat(worker.totalRequests()).isEqualTo(2);
                    assertThat(worker.counters().eventsHandled()).isEqualTo(2);
                    assertThat(worker.counters().handlerErrors()).isZero();
                });
            }
        });
    }

    @Test
    void rendersOneTextRowPerRole() {
        runner.run(context -> {
            TestCluster cluster = context.getBean(TestCluster.class);
            String text = context.getBean(GatewayStatusEndpoint.class).statusText();
            String register = "text://127.0.0.1:" + cluster.register().port();
            String listener = "text://127.0.0.1:" + cluster.gateway().listener("text").port();

            assertThat(text).contains("GLOBAL STATUS", "PROCESS STATUS", "start time:", " run ");
            assertThat(text.lines().filter(line -> line.startsWith("role ")).findFirst()).get().asString()
                    .contains("listening", "name", "connections", "send_fail", "total_request", "qps", "status");
            assertThat(text.lines().filter(line -> line.startsWith("Register "))).singleElement().asString()
                    .contains(register, "[ok]");
            assertThat(text.lines().filter(line -> line.startsWith("Gateway "))).singleElement().asString()
                    .contains(listener, "workers=1 registers=1", "[ok]");
            assertThat(text.lines().filter(line -> line.startsWith("Worker "))).singleElement().asString()
                    .contains("none", "BusinessWorker", "gateways=1/1 registers=1", "[ok]");
            assertThat(text.lines().filter(line -> line.startsWith("Summary "))).hasSize(1);
        });
    }

    @Test
    void healthIsUpWithDetailsThenDownWithoutTheRegister() {
        runner.run(context -> {
            TestCluster cluster = context.getBean(TestCluster.class);
            GatewayHealthIndicator indicator = context.getBean(GatewayHealthIndicator.class);

            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsOnlyKeys("register", "gateway", "worker");
            assertThat(up.getDetails().get("register")).asInstanceOf(MAP)
                    .containsEntry("running", true).containsEntry("gateways", 1).containsEntry("workers", 1);
            assertThat(up.getDetails().get("gateway")).asInstanceOf(MAP)
                    .containsEntry("registersConnected", 1)
                    .containsEntry("workersPerListener", Map.of("text", 1));
            assertThat(up.getDetails().get("worker")).asInstanceOf(MAP)
                    .containsEntry("registersConnected", 1).containsEntry("gatewaysConnected", 1)
                    .containsEntry("gatewaysKnown", 1);

            cluster.register().close();

            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    cluster.gateway().connectedRegisters() == 0 && cluster.worker().connectedRegisters() == 0);
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("register")).asInstanceOf(MAP)
                    .containsEntry("running", false);
            assertThat(down.getDetails().get("gateway")).asInstanceOf(MAP)
                    .containsEntry("registersConnected", 0);
        });
    }

    @Test
    void registerlessRolesAreDownOnTheirOwn() {
        // A process running only a worker, whose register went away: the worker alone makes the health DOWN.
        runner.run(context -> {
            TestCluster cluster = context.getBean(TestCluster.class);
            GatewayHealthIndicator workerOnly = new GatewayHealthIndicator(List.of(), List.of(),
                    List.of(cluster.worker()));
            assertThat(workerOnly.health().getStatus()).isEqualTo(Status.UP);
            cluster.register().close();
            await().atMost(Duration.ofSeconds(5)).until(() -> workerOnly.health().getStatus().equals(Status.DOWN));
        });
    }
}
