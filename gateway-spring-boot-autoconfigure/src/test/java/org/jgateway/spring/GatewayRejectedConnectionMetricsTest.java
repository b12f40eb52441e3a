package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerCounters;
import org.jgateway.spring.actuate.GatewayStatusEndpoint;
import org.jgateway.spring.actuate.RequestRateSampler;
import org.jgateway.spring.metrics.GatewayRejectedConnectionMetrics;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.Test;

/** Connections beyond the per-IP limit, over real sockets: counted as a meter and in the status endpoint. */
class GatewayRejectedConnectionMetricsTest {

    @Test
    void perIpRejectionsAreExportedAsAMeterAndInTheStatus() {
        try (EventLoopResources loops = EventLoopResources.create(1, "rejected");
                RegisterServer register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0)
                        .build(), loops.borrowed()).start();
                RequestRateSampler sampler = new RequestRateSampler()) {
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder().lanIp("127.0.0.1").startPort(0)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0)
                            .maxConnectionsPerIp(1).build(), 0)
                    .cluster(ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:" + register.port())
                            .build()).build(), loops.borrowed());
            gateway.start();
            try {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                new GatewayRejectedConnectionMetrics(gateway).bindTo(registry);
                GatewayStatusEndpoint endpoint = new GatewayStatusEndpoint(List.of(), List.of(gateway), List.of(),
                        sampler);
                int port = gateway.listener("text").port();
                try (TextClient first = new TextClient("127.0.0.1", port);
                        TextClient second = new TextClient("127.0.0.1", port)) {
                    assertThat(second.closedWithin(5000)).isTrue();
                    await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("gateway.connections.rejected")
                            .tags("listener", "text", "reason", "per_ip_limit").functionCounter().count() == 1);
                    assertThat(registry.get("gateway.connections.rejected")
                            .tags("listener", "text", "reason", "handshake_refused").functionCounter().count())
                            .isZero();
                    assertThat(registry.get("gateway.connections.rejected")
                            .tags("listener", "text", "reason", "max_connections").functionCounter().count()).isZero();
                    assertThat(registry.get("gateway.connections.rejected")
                            .tags("listener", "text", "reason", "per_ip_rate").functionCounter().count()).isZero();
                    assertThat(registry.get("gateway.accept.failures").tags("listener", "text").functionCounter()
                            .count()).isZero();
                    ListenerCounters counters = endpoint.status().gateways().get(0).listeners().get(0).counters();
                    assertThat(counters.connectionsRejectedPerIpLimit()).isEqualTo(1);
                    assertThat(counters.connectionsAccepted()).isEqualTo(1);
                    assertThat(first.closedWithin(200)).isFalse();
                }
            } finally {
                gateway.close();
            }
        }
    }
}
