package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jgateway.it.SecurityIntegrationTest.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.MutualTls;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.Test;

/**
 * Register, gateway, worker and an API client all speaking mutual TLS with certificates of one test CA
 * ({@code src/test/resources/tls}); peers without a certificate, or with one the CA did not issue, are refused.
 */
class MutualTlsIntegrationTest {

    private static final SslContext SERVER = MutualTls.server(tls("node-cert.pem"), tls("node-key.pem"),
            tls("ca-cert.pem"));
    private static final SslContext CLIENT = MutualTls.client(tls("node-cert.pem"), tls("node-key.pem"),
            tls("ca-cert.pem"));

    @Test
    void everyRoleOverMutualTlsAndStrangersRefused() throws SSLException {
        SslContext noCertificate = SslContextBuilder.forClient().trustManager(tls("ca-cert.pem").toFile()).build();
        SslContext stranger = MutualTls.client(tls("stranger-cert.pem"), tls("stranger-key.pem"), tls("ca-cert.pem"));
        try (EventLoopResources loops = EventLoopResources.create(2, "mtls");
                RegisterServer register = new RegisterServer(RegisterOptions.builder().port(0).sslContext(SERVER)
                        .build(), loops.borrowed()).start()) {
            String registerAddress = "127.0.0.1:" + register.port();
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder().startPort(0)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").build(), 0)
                    .cluster(ClusterConnectionOptions.builder().registerAddresses(registerAddress)
                            .registerSslContext(CLIENT).build())
                    .innerSslContext(SERVER).build(), loops.borrowed());
            RecordingEvents events = new RecordingEvents("w");
            BusinessWorker worker = new BusinessWorker(workerOptions(registerAddress, CLIENT).build(), events,
                    loops.borrowed());
            try {
                gateway.start();
                worker.start();
                ListenerStatus text = gateway.listener("text");
                await().atMost(Duration.ofSeconds(10)).until(() -> text.workers().size() == 1);
                try (TextClient user = new TextClient("127.0.0.1", text.port());
                        GatewayClient api = GatewayClient.builder().cluster(ClusterConnectionOptions.builder()
                                .registerAddresses(registerAddress).gatewaySslContext(CLIENT).registerSslContext(CLIENT)
                                .build()).eventLoopResources(loops).build()) {
                    user.send("over mTLS");
                    assertThat(user.read()).isEqualTo("over mTLS");
                    assertThat(api.getAllClientIdCount()).isEqualTo(1);
                    api.sendToAll("from the API");
                    assertThat(user.read()).isEqualTo("from the API");
                }

                // Workers that reach the register over mTLS but present no certificate, or a foreign one, to the
                // gateway: refused in the TLS handshake, counted, never a routing target.
                for (SslContext bad : List.of(noCertificate, stranger)) {
                    long errors = text.stats().innerProtocolErrors();
                    BusinessWorker intruder = new BusinessWorker(workerOptions(registerAddress, bad).name("Intruder")
                            .build(), new RecordingEvents("x"), loops.borrowed());
                    try {
                        intruder.start();
                        await().atMost(Duration.ofSeconds(10)).until(() -> text.stats().innerProtocolErrors() > errors);
                        assertThat(text.workers()).hasSize(1);
                    } finally {
                        intruder.close();
                    }
                }

                // An API client without TLS towards the gateway: its plain frames are no TLS record.
                long errors = text.stats().innerProtocolErrors();
                try (GatewayClient plain = GatewayClient.builder().gatewayAddresses(text.innerAddress())
                        .api(GatewayApiOptions.builder().queryTimeout(Duration.ofSeconds(1)).build())
                        .eventLoopResources(loops).build()) {
                    assertThatThrownBy(plain::getAllClientIdCount).isInstanceOf(RuntimeException.class);
                }
                await().until(() -> text.stats().innerProtocolErrors() > errors);

                // A plain-TCP peer of the register is a bad request; no list for it.
                long bad = register.stats().badRequests();
                try (RawSocket raw = new RawSocket(register.port())) {
                    raw.write("{\"event\":\"worker_connect\",\"secret_key\":\"\"}\n");
                    assertThat(raw.closedWithin(5000)).isTrue();
                }
                await().until(() -> register.stats().badRequests() > bad);
                assertThat(register.stats().workerConnections()).isEqualTo(1);
            } finally {
                worker.close();
                gateway.close();
            }
        }
    }

    @Test
    void contextsOfTheWrongSideAreRefused() {
        assertThatThrownBy(() -> RegisterOptions.builder().sslContext(CLIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayOptions.builder().innerSslContext(CLIENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterConnectionOptions.builder().registerSslContext(SERVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterConnectionOptions.builder().gatewaySslContext(SERVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MutualTls.server(tls("node-cert.pem"),
                tls("node-cert.pem").resolveSibling("missing.pem"), tls("ca-cert.pem")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A worker reaching the register over TLS and the gateways with {@code gatewayTls}. */
    private static WorkerOptions.Builder workerOptions(String registerAddress, SslContext gatewayTls) {
        return WorkerOptions.builder().name("W").stopTimeout(Duration.ofSeconds(2))
                .cluster(ClusterConnectionOptions.builder().registerAddresses(registerAddress)
                        .reconnectDelay(Duration.ofMillis(200)).registerSslContext(CLIENT).gatewaySslContext(gatewayTls)
                        .build());
    }
}
