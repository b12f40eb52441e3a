package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * TLS between the roles from a Spring SSL bundle ({@code gateway.cluster.ssl.bundle}), with the test CA's real
 * certificates as PEM and as PKCS12: the worker reaches the register and the gateway over TLS (not in memory), plain
 * peers are refused, client certificates are required or not as configured, and a reloaded bundle serves the new
 * certificate to new connections.
 */
class ClusterTlsBundleTest {

    /** Properties of a PEM bundle named "cluster" over the test CA's node certificate, in {@code dir}. */
    private static List<String> pemBundle(Path dir) throws IOException {
        copy("node-cert.pem", dir.resolve("cert.pem"));
        copy("node-key.pem", dir.resolve("key.pem"));
        copy("ca-cert.pem", dir.resolve("ca.pem"));
        return List.of("spring.ssl.bundle.pem.cluster.keystore.certificate=file:" + dir.resolve("cert.pem"),
                "spring.ssl.bundle.pem.cluster.keystore.private-key=file:" + dir.resolve("key.pem"),
                "spring.ssl.bundle.pem.cluster.truststore.certificate=file:" + dir.resolve("ca.pem"),
                "gateway.cluster.ssl.bundle=cluster");
    }

    private static ConfigurableApplicationContext start(List<String> bundle, String... more) {
        String[] properties = new String[bundle.size() + more.length];
        bundle.toArray(properties);
        System.arraycopy(more, 0, properties, bundle.size(), more.length);
        return EchoApplication.start(properties);
    }

    /** The worker joins over TLS (a TLS cluster never attaches in memory) and clients get their echo. */
    private static void assertTheClusterWorks(ConfigurableApplicationContext app) {
        BusinessWorker worker = app.getBean(BusinessWorker.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.connectedGateways().size() == 1
                && worker.connectedRegisters() == 1);
        try (TextClient client = new TextClient("127.0.0.1", EchoApplication.port(app,
                "local.gateway.listeners.text.port"))) {
            assertThat(client.echo("over tls")).isEqualTo("echo:over tls");
        }
    }

    @Test
    void aPemBundleSecuresEveryRoleAndPlainPeersAreRefused(@TempDir Path dir) throws Exception {
        try (ConfigurableApplicationContext app = start(pemBundle(dir))) {
            assertTheClusterWorks(app);
            RegisterServer register = app.getBean(RegisterServer.class);
            try (TextClient plain = new TextClient("127.0.0.1", register.port())) {
                plain.send("{\"event\":\"worker_connect\",\"secret_key\":\"\"}");
                assertThat(plain.closedWithin(5000)).isTrue();
            }
            // Mutual TLS by default: a peer without a certificate does not get through the handshake.
            assertThat(handshake(register.port(), null)).isNull();
            assertThat(handshake(register.port(), keyStore(dir.resolve("cert.pem"), dir.resolve("key.pem"))))
                    .isNotNull();
        }
    }

    @Test
    void aPkcs12BundleDoesTheSame(@TempDir Path dir) throws Exception {
        copy("node-cert.pem", dir.resolve("cert.pem"));
        copy("node-key.pem", dir.resolve("key.pem"));
        copy("ca-cert.pem", dir.resolve("ca.pem"));
        Path keystore = write(keyStore(dir.resolve("cert.pem"), dir.resolve("key.pem")), dir.resolve("node.p12"));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", PemContent.load(dir.resolve("ca.pem")).getCertificates().get(0));
        Path truststore = write(trusted, dir.resolve("ca.p12"));
        List<String> bundle = List.of(
                "spring.ssl.bundle.jks.cluster.keystore.location=file:" + keystore,
                "spring.ssl.bundle.jks.cluster.keystore.password=secret",
                "spring.ssl.bundle.jks.cluster.keystore.type=PKCS12",
                "spring.ssl.bundle.jks.cluster.truststore.location=file:" + truststore,
                "spring.ssl.bundle.jks.cluster.truststore.password=secret",
                "spring.ssl.bundle.jks.cluster.truststore.type=PKCS12",
                "gateway.cluster.ssl.bundle=cluster");
        try (ConfigurableApplicationContext app = start(bundle)) {
            assertTheClusterWorks(app);
            assertThat(handshake(app.getBean(RegisterServer.class).port(), null)).isNull();
        }
    }

    @Test
    void clientAuthNoneAsksNoCertificate(@TempDir Path dir) throws Exception {
        try (ConfigurableApplicationContext app = start(pemBundle(dir), "gateway.cluster.ssl.client-auth=none")) {
            assertTheClusterWorks(app);
            assertThat(handshake(app.getBean(RegisterServer.class).port(), null)).isNotNull();
        }
    }

    @Test
    void aReloadedBundleServesTheNewCertificateToNewConnections(@TempDir Path dir) throws Exception {
        List<String> bundle = new ArrayList<>(pemBundle(dir));
        bundle.add("spring.ssl.bundle.pem.cluster.reload-on-update=true");
        bundle.add("spring.ssl.bundle.watch.file.quiet-period=100ms");
        try (ConfigurableApplicationContext app = start(bundle)) {
            assertTheClusterWorks(app);
            int register = app.getBean(RegisterServer.class).port();
            KeyStore client = keyStore(dir.resolve("cert.pem"), dir.resolve("key.pem"));
            assertThat(handshake(register, client).getIssuerX500Principal().getName()).contains("JGateway test CA");

            // The self-signed localhost certificate replaces the CA-issued one.
            copy("localhost-cert.pem", dir.resolve("cert.pem"));
            copy("localhost-key.pem", dir.resolve("key.pem"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                X509Certificate served = handshake(register, client);
                return served != null && served.getIssuerX500Principal().getName().equals("CN=localhost");
            });
        }
    }

    @Test
    void allowNoSecretIsRefusedWithTlsBecausePhpPeersCannotSpeakIt(@TempDir Path dir) throws Exception {
        Throwable failure = catchThrowable(() -> start(pemBundle(dir), "gateway.security.allow-no-secret=true")
                .close());
        assertThat(invalidProperty(failure)).satisfies(e -> {
                    assertThat(e.getPropertyName()).isEqualTo("gateway.cluster.ssl.bundle");
                    assertThat(e.getMessage()).contains("PHP", "cannot speak TLS");
                });
    }

    @Test
    void anUnknownBundleIsNamed() {
        Throwable failure = catchThrowable(() -> EchoApplication.start("gateway.cluster.ssl.bundle=nope",
                "spring.ssl.bundle.pem.other.keystore.certificate=classpath:tls/localhost-cert.pem",
                "spring.ssl.bundle.pem.other.keystore.private-key=classpath:tls/localhost-key.pem").close());
        assertThat(invalidProperty(failure)).satisfies(e -> {
                    assertThat(e.getPropertyName()).isEqualTo("gateway.cluster.ssl.bundle");
                    assertThat(e.getMessage()).contains("no SSL bundle of that name", "other");
                });
    }

    private static InvalidGatewayPropertyException invalidProperty(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidGatewayPropertyException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidGatewayPropertyException in", failure);
    }

    /**
     * A TLS handshake with the server on {@code port}, presenting {@code clientKeys} (null for no certificate) and
     * trusting any server: the certificate the server presented, or null when the handshake failed.
     */
    private static X509Certificate handshake(int port, KeyStore clientKeys) {
        try {
            KeyManagerFactory keys = null;
            if (clientKeys != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(clientKeys, "secret".toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {new TrustingAnyServer()},
                    new SecureRandom());
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
                X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                // TLS 1.3 reports a refused client certificate at the first read after the handshake; an accepted
                // peer hears nothing (the register waits for its first line).
                socket.setSoTimeout(1000);
                try {
                    return socket.getInputStream().read() == -1 ? null : served;
                } catch (SocketTimeoutException accepted) {
                    return served;
                }
            }
        } catch (IOException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore keyStore(Path certificate, Path privateKey) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", PemContent.load(privateKey).getPrivateKey(), "secret".toCharArray(),
                PemContent.load(certificate).getCertificates().toArray(new X509Certificate[0]));
        return store;
    }

    private static Path write(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        return file;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ClusterTlsBundleTest.class.getResourceAsStream("/tls/" + resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Trusts whatever the server presents: the test looks at the certificate instead. */
    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
