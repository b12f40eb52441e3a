package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jgateway.gateway.GatewayServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A {@code wss://} listener whose certificate comes from a Spring SSL bundle. */
class SecureWebSocketTest {

    @Test
    void aWebSocketClientTalksToTheWorkerOverTls() throws Exception {
        try (ConfigurableApplicationContext app = EchoApplication.start("gateway.listeners.wss.port=0",
                "gateway.listeners.wss.protocol=websocket", "gateway.listeners.wss.ssl-bundle=gateway",
                "spring.ssl.bundle.pem.gateway.keystore.certificate=classpath:tls/localhost-cert.pem",
                "spring.ssl.bundle.pem.gateway.keystore.private-key=classpath:tls/localhost-key.pem")) {
            int port = EchoApplication.port(app, "local.gateway.listeners.wss.port");
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            HttpClient http = HttpClient.newBuilder().sslContext(trustingTestCertificate()).build();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + port + "/"), new Collecting(received))
                    .get(10, TimeUnit.SECONDS);
            assertThat(app.getBean(GatewayServer.class).listener("wss").listening())
                    .startsWith("wss://").endsWith(":" + port);
            socket.sendText("over tls", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:over tls");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    private static SSLContext trustingTestCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream pem = SecureWebSocketTest.class.getResourceAsStream("/tls/localhost-cert.pem")) {
            trusted.setCertificateEntry("localhost", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Collects whole text messages. */
    private static final class Collecting implements WebSocket.Listener {

        private final BlockingQueue<String> received;
        private final StringBuilder partial = new StringBuilder();

        Collecting(BlockingQueue<String> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
