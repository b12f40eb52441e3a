package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jgateway.it.SecurityIntegrationTest.tls;

import io.netty.handler.ssl.SslContext;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.TlsContexts;
import org.jgateway.test.ClientSockets;
import org.jgateway.test.StreamClient;
import org.jgateway.test.TextClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The frame and tcp listeners, and text, frame and tcp over TLS (with the committed localhost certificate, checked by
 * the client for chain and host name), end to end over loopback TCP: register, gateway and a worker connected to it
 * over TCP. For each: onConnect reaches the worker, a client's message reaches the handler and its reply the client,
 * a group push reaches the member and not the other client, and onClose reaches the worker.
 */
class ListenerKindsIntegrationTest {

    private static final SslContext SERVER_TLS = TlsContexts.server(tls("localhost-cert.pem"),
            tls("localhost-key.pem"));
    private static final SSLContext CLIENT_TLS = ClientSockets.trusting(tls("localhost-cert.pem"));
    private static final String PUSH = "pushed to the room";

    enum Kind {
        FRAME(ClientProtocol.FRAME, false),
        TCP(ClientProtocol.TCP, false),
        TEXT_OVER_TLS(ClientProtocol.TEXT, true),
        FRAME_OVER_TLS(ClientProtocol.FRAME, true),
        TCP_OVER_TLS(ClientProtocol.TCP, true);

        final ClientProtocol protocol;
        final boolean tls;

        Kind(ClientProtocol protocol, boolean tls) {
            this.protocol = protocol;
            this.tls = tls;
        }
    }

    /**
     * One client of the listener under test, speaking its framing; {@code receive} takes the expected message's
     * length, which an unframed tcp client needs to read it.
     */
    private record Peer(Consumer<String> send, IntFunction<String> receive, Runnable closer) implements AutoCloseable {
        String receive(int length) {
            return receive.apply(length);
        }

        void send(String message) {
            send.accept(message);
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientAndWorkerTalkThroughTheListener(Kind kind) {
        try (TestCluster cluster = new TestCluster("", false)) {
            ListenerOptions.Builder listener = ListenerOptions.builder(kind.protocol).name("under-test")
                    .host("127.0.0.1").port(0);
            if (kind.tls) {
                listener.sslContext(SERVER_TLS);
            }
            GatewayServer gateway = cluster.addGateway("127.0.0.1", b -> b.listener(listener.build(), 0));
            RecordingEvents events = new RecordingEvents("worker");
            events.onMessage = (context, text) -> {
                if (text.equals("join")) {
                    context.api().joinGroup(context.clientId(), "room");
                    context.api().sendToGroup("room", PUSH);
                } else {
                    context.api().sendToCurrentClient(text);
                }
            };
            cluster.addWorker(events, b -> { });
            cluster.awaitMesh();
            ListenerStatus status = gateway.listener("under-test");
            String protocol = kind.protocol.name().toLowerCase(Locale.ROOT);
            assertThat(status.tls()).isEqualTo(kind.tls);
            assertThat(status.listening()).isEqualTo(
                    (kind.tls ? protocol + "+tls" : protocol) + "://127.0.0.1:" + status.port());
            String idPrefix = "7f000001" + HexFormat.of().toHexDigits((short) status.innerPort());

            String member;
            try (Peer a = connect(kind, status.port())) {
                member = connectedClient(events, idPrefix);
                a.send("hello");
                assertThat(events.next()).isEqualTo("message " + member + " hello");
                assertThat(a.receive(5)).isEqualTo("hello");

                String other;
                try (Peer b = connect(kind, status.port())) {
                    other = connectedClient(events, idPrefix);
                    a.send("join");
                    assertThat(events.next()).isEqualTo("message " + member + " join");
                    assertThat(a.receive(PUSH.length())).isEqualTo(PUSH);
                    // The push did not reach b: its next bytes are the echo of its own message.
                    b.send("ping");
                    assertThat(events.next()).isEqualTo("message " + other + " ping");
                    assertThat(b.receive(4)).isEqualTo("ping");
                }
                assertThat(events.next()).isEqualTo("close " + other);
            }
            assertThat(events.next()).isEqualTo("close " + member);
            await().atMost(Duration.ofSeconds(10)).until(() -> status.clients() == 0);
            assertThat(events.events).isEmpty();
        }
    }

    /** The next event is a connect of a client of the listener under test (its inner port in the id); its id. */
    private static String connectedClient(RecordingEvents events, String idPrefix) {
        String event = events.next();
        assertThat(event).startsWith("connect " + idPrefix).hasSize("connect ".length() + 20);
        return event.substring("connect ".length());
    }

    private static Peer connect(Kind kind, int port) {
        Socket socket = kind.tls ? ClientSockets.tls("127.0.0.1", port, CLIENT_TLS)
                : ClientSockets.plain("127.0.0.1", port);
        return switch (kind.protocol) {
            case TEXT -> {
                TextClient client = new TextClient(socket);
                yield new Peer(client::send, length -> client.read(), client::close);
            }
            case FRAME -> {
                StreamClient client = new StreamClient(socket);
                yield new Peer(client::writeFrame, length -> client.readFrame(), client::close);
            }
            case TCP -> {
                StreamClient client = new StreamClient(socket);
                yield new Peer(client::write, client::read, client::close);
            }
            case WEBSOCKET -> throw new IllegalArgumentException("WebSocket listeners have their own tests");
        };
    }
}
