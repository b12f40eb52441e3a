package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.TextClient;
import org.jgateway.transport.MutualTls;
import org.jgateway.worker.BusinessWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mutual TLS recipe of docs/deployment.md, as written there: customizer beans give the register, the gateway's
 * inner ports, the worker and GatewayTemplate's client TLS contexts of one private CA. The worker reaches the gateway
 * over TCP (not in memory) to prove the inner port speaks mutual TLS; a plain peer is refused by the register.
 */
class MutualTlsRecipeTest {

    /** The recipe, word for word. */
    @Configuration(proxyBeanMethods = false)
    static class MutualTlsConfiguration {

        private final SslContext server;
        private final SslContext client;

        MutualTlsConfiguration(@Value("${app.tls-dir:/etc/jgateway/tls}") Path dir) {
            server = MutualTls.server(dir.resolve("node-cert.pem"), dir.resolve("node-key.pem"), dir.resolve("ca.pem"));
            client = MutualTls.client(dir.resolve("node-cert.pem"), dir.resolve("node-key.pem"), dir.resolve("ca.pem"));
        }

        @Bean
        RegisterOptionsCustomizer registerMutualTls() {
            return register -> register.sslContext(server);
        }

        @Bean
        GatewayOptionsCustomizer gatewayInnerPortMutualTls() {
            return gateway -> gateway.innerSslContext(server);
        }

        @Bean
        ClusterConnectionOptionsCustomizer clusterMutualTls() {
            return cluster -> cluster.registerSslContext(client).gatewaySslContext(client);
        }
    }

    @Test
    void everyRoleSpeaksMutualTlsAndAPlainPeerIsRefused(@TempDir Path dir) throws IOException {
        copy("node-cert.pem", dir.resolve("node-cert.pem"));
        copy("node-key.pem", dir.resolve("node-key.pem"));
        copy("ca-cert.pem", dir.resolve("ca.pem"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EchoApplication.class,
                MutualTlsConfiguration.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .properties("gateway.register.port=0", "gateway.start-port=0", "gateway.listeners.text.protocol=text",
                        "gateway.listeners.text.port=0", "gateway.worker.in-jvm-gateways=false",
                        "app.tls-dir=" + dir)
                .run()) {
            BusinessWorker worker = app.getBean(BusinessWorker.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> worker.connectedGateways().size() == 1
                    && worker.connectedRegisters() == 1);
            int port = EchoApplication.port(app, "local.gateway.listeners.text.port");
            try (TextClient client = new TextClient("127.0.0.1", port)) {
                assertThat(client.echo("over mTLS")).isEqualTo("echo:over mTLS");
            }
            RegisterServer register = app.getBean(RegisterServer.class);
            long badRequests = register.stats().badRequests();
            try (TextClient plain = new TextClient("127.0.0.1", register.port())) {
                plain.send("{\"event\":\"worker_connect\",\"secret_key\":\"\"}");
                assertThat(plain.closedWithin(5000)).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> register.stats().badRequests() > badRequests);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = MutualTlsRecipeTest.class.getResourceAsStream("/tls/" + resource)) {
            Files.copy(in, target);
        }
    }
}
