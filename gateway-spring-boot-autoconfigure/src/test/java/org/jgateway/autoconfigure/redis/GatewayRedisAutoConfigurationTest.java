package org.jgateway.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.autoconfigure.GatewayAutoConfiguration;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayServerAutoConfiguration;
import org.jgateway.autoconfigure.GatewayTemplateAutoConfiguration;
import org.jgateway.autoconfigure.GatewayWorkerAutoConfiguration;
import org.jgateway.autoconfigure.InvalidGatewayPropertyFailureAnalyzer;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.discovery.RedisDiscovery;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.actuate.ClusterEngineStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ClusterStatus;
import org.jgateway.spring.metrics.GatewayConnectionMetrics;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerEventHandler;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class GatewayRedisAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    /** A client-only process: the engine's beans without any role. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    GatewayRedisAutoConfiguration.class, GatewayAutoConfiguration.class))
            .withPropertyValues("gateway.machine-type=");

    @Test
    void theRegisterEngineIsTheDefaultAndOpensNoRedisConnection() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RedisConnections.class);
            assertThat(context.getBean(GatewayDiscovery.class)).isInstanceOf(RegisterDiscovery.class);
            GatewayProperties properties = context.getBean(GatewayProperties.class);
            assertThat(properties.getCluster().getEngine()).isEqualTo(GatewayProperties.Engine.REGISTER);
            assertThat(properties.getCluster().getRedis().getPrefix()).isEqualTo("jgateway");
        });
    }

    @Test
    void theRedisEngineConnectsWithBootsSpringDataRedisProperties() {
        runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + redis.port(),
                "gateway.cluster.redis.prefix=staging").run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisConnections connections = context.getBean(RedisConnections.class);
                    assertThat(connections.isConnected()).isTrue();
                    assertThat(connections.description()).isEqualTo("localhost:" + redis.port());
                    RedisDiscovery discovery = context.getBean(RedisDiscovery.class);
                    assertThat(context.getBean(GatewayDiscovery.class)).isSameAs(discovery);
                    assertThat(discovery.keys().gateways()).isEqualTo("staging:{gateways}");
                    assertThat(discovery.toString()).doesNotContain("also announced");
                });
    }

    @Test
    void statusAndMetersShowTheRedisConnectionGoingAndComingBack() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                        GatewayRedisAutoConfiguration.class, GatewayAutoConfiguration.class,
                        GatewayServerAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=gateway", "gateway.cluster.engine=redis",
                        "spring.data.redis.port=" + redis.port(), "gateway.start-port=0",
                        "gateway.listeners.text.protocol=text", "gateway.listeners.text.port=0")
                .run(context -> {
                    ClusterEngineStatus status = context.getBean(ClusterEngineStatus.class);
                    MeterRegistry registry = new SimpleMeterRegistry();
                    new GatewayConnectionMetrics(context.getBean(GatewayServer.class)).bindTo(registry);
                    Gauge discovery = registry.get("gateway.discovery.connected").tag("role", "gateway").gauge();
                    await().atMost(Duration.ofSeconds(5)).until(() -> discovery.value() == 1);
                    assertThat(status.status()).isEqualTo(new ClusterStatus("redis", "connected"));

                    redis.stop();
                    await().atMost(Duration.ofSeconds(5)).until(() -> discovery.value() == 0);
                    await().atMost(Duration.ofSeconds(5)).until(() -> status.status().redis().equals("disconnected"));

                    redis.start();
                    await().atMost(Duration.ofSeconds(5)).until(() -> discovery.value() == 1);
                    assertThat(status.status().redis()).isEqualTo("connected");
                });
    }

    @Test
    void theRegisterEngineHasNoRedisStatus() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ClusterEngineStatus.class));
    }

    @Test
    void withARegisterAddressGatewaysAlsoAnnounceToTheRegistersForPhpPeers() {
        runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + redis.port(),
                "gateway.register-address=127.0.0.1:1236").run(context -> assertThat(
                        context.getBean(RedisDiscovery.class).toString())
                        .endsWith("also announced to registers [127.0.0.1:1236]"));
    }

    @Test
    void anApplicationsOwnDiscoveryWins() {
        GatewayDiscovery own = new RegisterDiscovery(ClusterConnectionOptions.defaults());
        runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + redis.port())
                .withBean(GatewayDiscovery.class, () -> own).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(RedisDiscovery.class);
                    assertThat(context.getBean(GatewayDiscovery.class)).isSameAs(own);
                });
    }

    @Test
    void anEmptyPrefixFailsNamingTheProperty() {
        runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + redis.port(),
                "gateway.cluster.redis.prefix=").run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: gateway.cluster.redis.prefix")
                            .contains("The Redis key prefix is empty");
                });
    }

    @Test
    void anUnknownEngineFailsNamingTheProperty() {
        runner.withPropertyValues("gateway.cluster.engine=kafka").run(context -> assertThat(
                context.getStartupFailure()).rootCause().hasMessageContaining("kafka"));
        runner.withPropertyValues("gateway.cluster.engine=kafka").run(context -> assertThat(
                context.getStartupFailure()).hasStackTraceContaining("gateway.cluster.engine"));
    }

    @Test
    void theRedisEngineWithoutGatewayRedisOnTheClassPathFailsInsteadOfFallingBack() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnections.class))
                .withPropertyValues("gateway.cluster.engine=redis").run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: gateway.cluster.engine")
                            .contains("needs org.jgateway:gateway-redis");
                });
    }

    @Test
    void theRedisEngineWithoutBootsRedisConnectionFailsNamingTheEngine() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GatewayRedisAutoConfiguration.class,
                        GatewayAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=", "gateway.cluster.engine=redis").run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: gateway.cluster.engine")
                            .contains("there is no Redis connection");
                });
    }

    @Test
    void anUnreachableRedisFailsAtStartupNamingTheHost() {
        int port = redis.port();
        redis.stop();
        runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + port, "spring.data.redis.connect-timeout=2s").run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: spring.data.redis.host")
                            .contains("Redis 127.0.0.1:" + port + " is unreachable");
                });
    }

    /**
     * TLS to Redis from Boot's {@code spring.data.redis.ssl.*}: a real redis-server serving the test CA's certificate
     * on its TLS port and requiring a client certificate of that CA.
     */
    @Nested
    class OverTls {

        @RegisterExtension
        static final RedisServerExtension tls = RedisServerExtension.standalone().withTls();

        private ApplicationContextRunner tlsRunner() {
            return runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class)).withPropertyValues(
                    "gateway.cluster.engine=redis", "spring.data.redis.port=" + tls.tlsPort(),
                    "spring.data.redis.ssl.enabled=true");
        }

        @Test
        void theSslBundleGivesTheTrustAndTheClientCertificate() {
            tlsRunner().withPropertyValues("spring.data.redis.ssl.bundle=redis",
                    "spring.ssl.bundle.pem.redis.keystore.certificate=classpath:tls/node-cert.pem",
                    "spring.ssl.bundle.pem.redis.keystore.private-key=classpath:tls/node-key.pem",
                    "spring.ssl.bundle.pem.redis.truststore.certificate=classpath:tls/ca-cert.pem").run(context -> {
                        assertThat(context).hasNotFailed();
                        RedisConnections connections = context.getBean(RedisConnections.class);
                        assertThat(connections.isConnected()).isTrue();
                        // Only TLS is spoken on that port: the write arrived through it.
                        connections.commands().set("jgateway:tls", "yes").get(5, TimeUnit.SECONDS);
                        assertThat(tls.command("GET", "jgateway:tls")).isEqualTo("yes");
                    });
        }

        @Test
        void aServerCertificateTheBundleDoesNotTrustFailsAtStartupNamingTheBundle() {
            // No bundle: the JDK's trust store, which does not know the test CA.
            tlsRunner().run(context -> {
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Property: spring.data.redis.ssl.bundle")
                        .contains("TLS handshake with Redis localhost:" + tls.tlsPort() + " failed");
                assertThat(analysis.getAction()).contains("trusts the Redis server's certificate");
            });
        }
    }

    @Test
    void sentinelDetailsBecomeASentinelUriWithTheMasterAndEveryNode() {
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public String getUsername() {
                return "gw";
            }

            @Override
            public String getPassword() {
                return "secret";
            }
        };
        DataRedisConnectionDetails.Sentinel sentinel = new DataRedisConnectionDetails.Sentinel() {
            @Override
            public int getDatabase() {
                return 2;
            }

            @Override
            public String getMaster() {
                return "mymaster";
            }

            @Override
            public List<DataRedisConnectionDetails.Node> getNodes() {
                return List.of(new DataRedisConnectionDetails.Node("10.0.0.1", 26379),
                        new DataRedisConnectionDetails.Node("10.0.0.2", 26380));
            }

            @Override
            public String getUsername() {
                return null;
            }

            @Override
            public String getPassword() {
                return "sentinel-secret";
            }
        };
        RedisURI uri = DataRedisConnections.sentinelUri(details, sentinel, Duration.ofSeconds(3));
        assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.1", 26379),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.2", 26380));
    }

    @Nested
    class WithAnAclUser {

        @RegisterExtension
        static final RedisServerExtension secured = RedisServerExtension.standalone().withUser("gw", "s3cret-pw");

        @Test
        void theRightCredentialsGetIn() {
            runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + secured.port(),
                    "spring.data.redis.username=gw", "spring.data.redis.password=s3cret-pw")
                    .run(context -> assertThat(context.getBean(RedisConnections.class).isConnected()).isTrue());
        }

        @Test
        void aWrongPasswordFailsAtStartupWithAClearMessageAndThePasswordNowhere(CapturedOutput output) {
            runner.withPropertyValues("gateway.cluster.engine=redis", "spring.data.redis.port=" + secured.port(),
                    "spring.data.redis.username=gw", "spring.data.redis.password=wrong-pw-123").run(context -> {
                        FailureAnalysis analysis = analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription()).contains("Property: spring.data.redis.password")
                                .contains("Value: \"(not shown)\"")
                                .contains("refused the login of user 'gw': WRONGPASS");
                        assertThat(analysis.getAction()).contains("spring.data.redis.username");
                        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("wrong-pw-123");
                        assertThat(context.getStartupFailure()).hasStackTraceContaining("WRONGPASS");
                    });
            assertThat(output).doesNotContain("wrong-pw-123").doesNotContain("s3cret-pw");
        }
    }

    @Nested
    class WithARedisCluster {

        @RegisterExtension
        static final RedisServerExtension cluster = RedisServerExtension.cluster();

        @Test
        void clusterNodesGiveAClusterConnection() {
            runner.withPropertyValues("gateway.cluster.engine=redis",
                    "spring.data.redis.cluster.nodes=" + String.join(",", cluster.addresses())).run(context -> {
                        RedisConnections connections = context.getBean(RedisConnections.class);
                        assertThat(connections.isCluster()).isTrue();
                        assertThat(connections.description()).startsWith("cluster 127.0.0.1:");
                    });
        }
    }

    /** Gateway and worker roles in one application: the worker finds the gateway in Redis, with no register. */
    @Test
    void aGatewayAndWorkerFindEachOtherThroughRedisWithoutARegister() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                        GatewayRedisAutoConfiguration.class, GatewayAutoConfiguration.class,
                        GatewayServerAutoConfiguration.class, GatewayWorkerAutoConfiguration.class,
                        GatewayTemplateAutoConfiguration.class))
                .withBean(WorkerEventHandler.class, () -> (ctx, message) -> { })
                .withPropertyValues("gateway.machine-type=gateway,worker", "gateway.cluster.engine=redis",
                        "spring.data.redis.port=" + redis.port(), "gateway.start-port=0",
                        "gateway.listeners.text.protocol=text", "gateway.listeners.text.port=0",
                        // Over TCP, as between machines: the worker must learn the inner port from Redis.
                        "gateway.worker.in-jvm-gateways=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    GatewayServer gateway = context.getBean(GatewayServer.class);
                    BusinessWorker worker = context.getBean(BusinessWorker.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> worker.connectedGateways().size() == 1);
                    assertThat(worker.connectedGateways()).containsExactlyElementsOf(gateway.addresses());
                    assertThat(worker.connectedRegisters()).isZero();
                    assertThat(gateway.isDiscoveryConnected()).isTrue();
                    assertThat(context.getBean(GatewayTemplate.class).getAllClientIdCount()).isZero();
                });
    }

    private static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
        return analysis;
    }

}
