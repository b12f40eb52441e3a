package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.TlsContexts;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.Test;

/** Secrets, bind addresses, the WebSocket handshake filter, the per-IP limit and TLS failure counting, end to end. */
class SecurityIntegrationTest {

    @Test
    void innerAndRegisterPortsBindToLoopbackOrLanIpByDefault() {
        assertThat(GatewayOptions.DEFAULT_LAN_IP).isEqualTo("127.0.0.1");
        assertThat(RegisterOptions.DEFAULT_HOST).isEqualTo("127.0.0.1");
        assertThat(ListenerOptions.DEFAULT_HOST).isEqualTo("127.0.0.1");
        ListenerOptions text = ListenerOptions.builder(ClientProtocol.TEXT).build();
        assertThat(GatewayOptions.builder().listener(text).build().innerBindHost()).isEqualTo("127.0.0.1");
        assertThat(GatewayOptions.builder().lanIp("10.1.2.3").listener(text).build().innerBindHost())
                .isEqualTo("10.1.2.3");
        assertThat(GatewayOptions.builder().lanIp("10.1.2.3").innerBindHost("0.0.0.0").listener(text).build()
                .innerBindHost()).isEqualTo("0.0.0.0");

        try (TestCluster cluster = new TestCluster("");
                RegisterServer register = new RegisterServer(RegisterOptions.builder().port(0).build(),
                        cluster.loops.borrowed()).start()) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            int inner = gateway.listener("text").innerPort();
            // 127.0.0.2 is loopback too, but not the address bound: all-interfaces would accept it.
            assertThat(accepts("127.0.0.1", inner)).isTrue();
            assertThat(accepts("127.0.0.2", inner)).isFalse();
            assertThat(accepts("127.0.0.1", register.port())).isTrue();
            assertThat(accepts("127.0.0.2", register.port())).isFalse();
        }
    }

    @Test
    void wrongSecretsKeepWorkersAndClientsOut() {
        try (TestCluster cluster = new TestCluster("right")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> { });
            cluster.addWorker(new RecordingEvents("good"), b -> { });
            cluster.awaitMesh();
            RecordingEvents intruder = new RecordingEvents("intruder");
            cluster.addWorker(intruder, b -> b.cluster(cluster.connection().mutate().secretKey("wrong").build()));
            await().until(() -> cluster.register.stats().wrongSecrets() >= 1);
            ListenerStatus text = gateway.listener("text");
            assertThat(text.workers()).hasSize(1);
            try (GatewayClient client = GatewayClient.builder().gatewayAddresses(text.innerAddress())
                    .cluster(cluster.connection().mutate().secretKey("wrong").build()).eventLoopResources(cluster.loops)
                    .api(GatewayApiOptions.builder().queryTimeout(Duration.ofSeconds(1)).build()).build()) {
                assertThatThrownBy(client::getAllClientIdCount).isInstanceOf(RuntimeException.class);
            }
            await().until(() -> text.stats().unauthorizedInner() >= 1);
            try (GatewayClient client = GatewayClient.builder().gatewayAddresses(text.innerAddress())
                    .cluster(cluster.connection()).eventLoopResources(cluster.loops).build();
                    TextClient user = cluster.text()) {
                user.send("ping");
                assertThat(user.read()).isEqualTo("ping");
                assertThat(client.getAllClientIdCount()).isEqualTo(1);
            }
            assertThat(intruder.events).isEmpty();
        }
    }

    @Test
    void handshakeFilterKeepsRefusedClientsFromTheWorker() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.listener(
                    ListenerOptions.builder(ClientProtocol.WEBSOCKET).name("guarded").port(0)
                            .handshakeFilter(r -> "http://good.test".equals(r.origin())
                                    && "/chat".equals(r.path()) && "t0k".equals(r.queryParameter("token")))
                            .build(), 0));
            RecordingEvents events = new RecordingEvents("w");
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            ListenerStatus guarded = gateway.listener("guarded");
            List<String> refusedRequests = List.of(
                    RawSocket.upgrade("GET", "/chat?token=t0k", "Origin: http://evil.test", key(), v13()),
                    RawSocket.upgrade("GET", "/admin?token=t0k", "Origin: http://good.test", key(), v13()),
                    RawSocket.upgrade("GET", "/chat?token=nope", "Origin: http://good.test", key(), v13()));
            for (String request : refusedRequests) {
                try (RawSocket raw = new RawSocket(guarded.port())) {
                    raw.write(request);
                    assertThat(raw.readHead()).isEqualTo(
                            "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    assertThat(raw.closedWithin(5000)).isTrue();
                }
            }
            await().until(() -> guarded.stats().handshakesRefused() == 3);
            String clientId;
            try (RawSocket good = new RawSocket(guarded.port())) {
                good.write(RawSocket.upgrade("GET", "/chat?token=t0k", "Origin: http://good.test", key(), v13()));
                assertThat(good.readHead()).startsWith("HTTP/1.1 101 ");
                String connect = events.next();
                assertThat(connect).startsWith("connect ");
                clientId = connect.substring("connect ".length());
                assertThat(events.next()).isEqualTo("ws " + clientId + " {token=t0k}");
            }
            // Only the accepted client ever reached the worker, connected, upgraded and closed, nothing else;
            // refusals are not protocol errors.
            assertThat(events.next()).isEqualTo("close " + clientId);
            assertThat(events.events).isEmpty();
            assertThat(guarded.stats().connectionsAccepted()).isEqualTo(4);
            assertThat(guarded.stats().clientProtocolErrors()).isZero();
        }
    }

    @Test
    void connectionsBeyondThePerIpLimitAreClosedAtOnce() {
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.listener(
                    ListenerOptions.builder(ClientProtocol.TEXT).name("limited").port(0).maxConnectionsPerIp(2).build(),
                    0));
            RecordingEvents events = new RecordingEvents("w");
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            ListenerStatus limited = gateway.listener("limited");
            assertThat(ListenerOptions.DEFAULT_MAX_CONNECTIONS_PER_IP).isZero();
            List<TextClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    TextClient client = new TextClient("127.0.0.1", limited.port());
                    open.add(client);
                    client.send("hi " + i);
                    assertThat(client.read()).isEqualTo("hi " + i);
                }
                try (TextClient third = new TextClient("127.0.0.1", limited.port())) {
                    assertThat(third.closedWithin(5000)).isTrue();
                }
                assertThat(limited.stats().connectionsRejectedPerIpLimit()).isEqualTo(1);
                assertThat(limited.stats().connectionsAccepted()).isEqualTo(2);
                // Other listeners have no limit.
                try (TextClient elsewhere = cluster.text()) {
                    elsewhere.send("free");
                    assertThat(elsewhere.read()).isEqualTo("free");
                }
                open.remove(0).close();
                await().until(() -> limited.clients() == 1);
                try (TextClient again = new TextClient("127.0.0.1", limited.port())) {
                    again.send("room again");
                    assertThat(again.read()).isEqualTo("room again");
                }
                assertThat(limited.stats().connectionsRejectedPerIpLimit()).isEqualTo(1);
            } finally {
                open.forEach(TextClient::close);
            }
        }
    }

    @Test
    void failedTlsHandshakesAreCountedOnceAndSilentOnesNot() {
        Path cert = tls("localhost-cert.pem");
        Path key = tls("localhost-key.pem");
        try (TestCluster cluster = new TestCluster("")) {
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.listener(
                    ListenerOptions.builder(ClientProtocol.TEXT).name("tls").port(0)
                            .sslContext(TlsContexts.server(cert, key)).build(), 0));
            cluster.addWorker(new RecordingEvents("w"), b -> { });
            cluster.awaitMesh();
            ListenerStatus tls = gateway.listener("tls");
            try (RawSocket quiet = new RawSocket(tls.port())) {
                await().until(() -> tls.stats().connectionsAccepted() == 1);
            }
            await().until(() -> tls.clients() == 0);
            try (RawSocket plain = new RawSocket(tls.port())) {
                plain.write("hello, no TLS here\n");
                assertThat(plain.closedWithin(5000)).isTrue();
            }
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                    .until(() -> tls.stats().clientProtocolErrors() == 1);
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path tls(String name) {
        try {
            return Path.of(SecurityIntegrationTest.class.getResource("/tls/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key() {
        return "Sec-WebSocket-Key: " + RawSocket.WS_KEY;
    }

    private static String v13() {
        return "Sec-WebSocket-Version: 13";
    }
}
