package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.MessageRatePolicy;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.Test;

/**
 * The limits of an internet-facing listener, over real sockets: open connections, connection rate per IP and
 * message rate per client, each refused or enforced cleanly and counted.
 */
class ListenerLimitsIntegrationTest {

    private static ListenerStatus start(TestCluster cluster, ListenerOptions.Builder listener) {
        GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.listener(listener.name("limited").port(0).build(),
                0));
        cluster.addWorker(new RecordingEvents("w"), b -> { });
        cluster.awaitMesh();
        return gateway.listener("limited");
    }

    @Test
    void connectionsBeyondMaxConnectionsAreRefusedUntilOneCloses() {
        assertThat(ListenerOptions.DEFAULT_MAX_CONNECTIONS).isZero();
        try (TestCluster cluster = new TestCluster("")) {
            ListenerStatus limited = start(cluster, ListenerOptions.builder(ClientProtocol.TEXT).maxConnections(2));
            List<TextClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    open.add(new TextClient("127.0.0.1", limited.port()));
                    assertThat(open.get(i).echo("hi " + i)).isEqualTo("hi " + i);
                }
                try (TextClient third = new TextClient("127.0.0.1", limited.port())) {
                    assertThat(third.closedWithin(5000)).isTrue();
                }
                assertThat(limited.stats().connectionsRejectedMaxConnections()).isEqualTo(1);
                assertThat(limited.stats().connectionsAccepted()).isEqualTo(2);

                open.remove(0).close();
                await().until(() -> limited.clients() == 1);
                try (TextClient again = new TextClient("127.0.0.1", limited.port())) {
                    assertThat(again.echo("room again")).isEqualTo("room again");
                }
                assertThat(limited.stats().connectionsRejectedMaxConnections()).isEqualTo(1);
            } finally {
                open.forEach(TextClient::close);
            }
        }
    }

    @Test
    void connectionsOverTheRatePerIpAreRefused() {
        assertThat(ListenerOptions.DEFAULT_MAX_CONNECTION_RATE_PER_IP).isZero();
        try (TestCluster cluster = new TestCluster("")) {
            // 3 per second, a burst of 3: ten connections in a row leave at most 3 + what refilled meanwhile.
            ListenerStatus limited = start(cluster, ListenerOptions.builder(ClientProtocol.TEXT)
                    .maxConnectionRatePerIp(3));
            long started = System.nanoTime();
            List<TextClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    clients.add(new TextClient("127.0.0.1", limited.port()));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                await().until(() -> limited.stats().connectionsAccepted()
                        + limited.stats().connectionsRejectedPerIpRate() == 10);
                long admitted = limited.stats().connectionsAccepted();
                assertThat(admitted).isBetween(3L, 3L + (long) Math.ceil(seconds * 3));
                assertThat(clients.stream().filter(c -> c.closedWithin(2000)).count()).isEqualTo(10 - admitted);
            } finally {
                clients.forEach(TextClient::close);
            }
        }
    }

    @Test
    void messagesOverTheRateAreDroppedAndCountedByDefault() {
        assertThat(ListenerOptions.DEFAULT_MESSAGE_RATE_POLICY).isEqualTo(MessageRatePolicy.DROP);
        try (TestCluster cluster = new TestCluster("")) {
            ListenerStatus limited = start(cluster, ListenerOptions.builder(ClientProtocol.TEXT)
                    .maxMessagesPerSecond(5));
            try (TextClient client = new TextClient("127.0.0.1", limited.port())) {
                long started = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    client.send("m" + i);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                await().until(() -> limited.stats().clientMessagesIn()
                        + limited.stats().clientMessagesDroppedRateLimit() == 20);
                List<String> echoed = new ArrayList<>();
                for (Optional<String> line = client.poll(500); line.isPresent(); line = client.poll(500)) {
                    echoed.add(line.get());
                }
                // The burst passes in order; what is over it is dropped, and the client stays.
                assertThat(echoed).hasSizeBetween(5, 5 + (int) Math.ceil(seconds * 5)).startsWith("m0", "m1", "m2",
                        "m3", "m4");
                assertThat(limited.stats().clientMessagesDroppedRateLimit()).isEqualTo(20 - echoed.size());
                assertThat(client.closedByServer()).isFalse();
                assertThat(limited.stats().clientsClosedRateLimit()).isZero();
            }
        }
    }

    @Test
    void aWebSocketClientOverTheRateIsClosedWith1008UnderThePolicyClose() {
        try (TestCluster cluster = new TestCluster("")) {
            ListenerStatus limited = start(cluster, ListenerOptions.builder(ClientProtocol.WEBSOCKET)
                    .maxMessagesPerSecond(2).messageRatePolicy(MessageRatePolicy.CLOSE));
            try (WsClient client = new WsClient("ws://127.0.0.1:" + limited.port() + "/")) {
                for (int i = 0; i < 10 && !client.isClosed(); i++) {
                    client.send("m" + i);
                }
                await().until(client::isClosed);
                assertThat(client.closeStatus()).isEqualTo(1008);
                assertThat(limited.stats().clientsClosedRateLimit()).isEqualTo(1);
                assertThat(limited.stats().clientMessagesDroppedRateLimit()).isZero();
            }
        }
    }
}
