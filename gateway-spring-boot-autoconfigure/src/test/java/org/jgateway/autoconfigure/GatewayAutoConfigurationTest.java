package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.client.GatewayClient;
import org.jgateway.client.GatewayException;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.RegisterBroker;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.SlowConsumerPolicy;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.WebSocketFrameType;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.context.BusinessWorkerLifecycle;
import org.jgateway.spring.context.GatewayDrainLifecycle;
import org.jgateway.spring.context.GatewayPortInfoApplicationContextInitializer;
import org.jgateway.spring.context.GatewayServerLifecycle;
import org.jgateway.spring.context.LazyGatewayClient;
import org.jgateway.spring.context.RegisterAddresses;
import org.jgateway.spring.context.RegisterServerLifecycle;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.GatewayLinks;
import org.jgateway.worker.WorkerEventHandler;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Conditions, bean wiring and property mapping of the auto-configuration, with real (ephemeral) ports. */
class GatewayAutoConfigurationTest {

    /** A register that is not there: workers and clients of these tests must not find somebody else's. */
    static final String NOWHERE = "127.0.0.1:9";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new GatewayPortInfoApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class,
                    GatewayRegisterAutoConfiguration.class, GatewayServerAutoConfiguration.class,
                    GatewayWorkerAutoConfiguration.class, GatewayTemplateAutoConfiguration.class,
                    SslAutoConfiguration.class))
            .withPropertyValues("gateway.register.port=0", "gateway.start-port=0",
                    "gateway.listeners.ws.port=0");

    @Test
    void allRolesByDefaultFindingTheLocalRegisterAtItsActualPort() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(RegisterServer.class).hasSingleBean(GatewayServer.class)
                    .hasSingleBean(BusinessWorker.class).hasSingleBean(GatewayTemplate.class)
                    .hasSingleBean(EventLoopResources.class).doesNotHaveBean(LazyGatewayClient.class);
            assertThat(context.getBean(MachineType.class).roles()).containsExactlyInAnyOrder(GatewayRole.values());
            RegisterServer register = context.getBean(RegisterServer.class);
            assertThat(register.isRunning()).isTrue();
            assertThat(register.port()).isPositive();
            String local = "127.0.0.1:" + register.port();
            assertThat(context.getBean(RegisterAddresses.class).isLocal()).isTrue();
            assertThat(context.getBean(GatewayServer.class).options().cluster().registerAddresses()).containsExactly(local);
            assertThat(context.getBean(BusinessWorker.class).options().cluster().registerAddresses()).containsExactly(local);
            assertThat(context.getEnvironment().getProperty("local.gateway.register.port", Integer.class))
                    .isEqualTo(register.port());
            GatewayServer gateway = context.getBean(GatewayServer.class);
            assertThat(context.getEnvironment().getProperty("local.gateway.listeners.ws.port", Integer.class))
                    .isEqualTo(gateway.listener("ws").port()).isPositive();
            assertThat(context.getEnvironment().getProperty("local.gateway.listeners.ws.inner-port", Integer.class))
                    .isEqualTo(gateway.listener("ws").innerPort()).isPositive();
            // The gateway registers its listeners in the context's InJvmGateways, where the worker finds them.
            assertThat(context).hasSingleBean(InJvmGateways.class);
            assertThat(context.getBean(InJvmGateways.class).isPresent(gateway.listener("ws").innerAddress())).isTrue();
            assertThat(context.getBean(RegisterServerLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(GatewayServerLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(BusinessWorkerLifecycle.class).isRunning()).isTrue();
            // Stopping runs the highest phase first: the gateway stops reading, then the worker leaves, then the
            // gateway closes its clients.
            int worker = context.getBean(BusinessWorkerLifecycle.class).getPhase();
            assertThat(context.getBean(GatewayDrainLifecycle.class).getPhase()).isGreaterThan(worker);
            assertThat(context.getBean(GatewayServerLifecycle.class).getPhase()).isLessThan(worker);
        });
    }

    @Test
    void theWorkersGatewayApiUsesTheClusterEngineBrokerBeanAndTheRegistersByDefault() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .run(context -> assertThat(context.getBean(BusinessWorker.class).options().api().broker())
                        .isInstanceOf(RegisterBroker.class));
        ClusterBroker broker = new RegisterBroker();
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .withBean(ClusterBroker.class, () -> broker)
                .run(context -> assertThat(context.getBean(BusinessWorker.class).options().api().broker())
                        .isSameAs(broker));
    }

    @Test
    void masterMachineRunsRegisterAndGatewayAndPushesThroughALazyClient() {
        runner.withPropertyValues("gateway.machine-type=register,gateway").run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(RegisterServer.class).hasSingleBean(GatewayServer.class)
                    .doesNotHaveBean(BusinessWorker.class).doesNotHaveBean(BusinessWorkerLifecycle.class)
                    .hasSingleBean(GatewayTemplate.class).hasSingleBean(LazyGatewayClient.class);
            assertThat(context.getBean(LazyGatewayClient.class).isCreated()).isFalse();
        });
    }

    @Test
    void workerMachineRunsOnlyTheWorkerWithTheConfiguredRegisters() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(BusinessWorker.class)
                            .doesNotHaveBean(RegisterServer.class).doesNotHaveBean(GatewayServer.class)
                            .doesNotHaveBean(LazyGatewayClient.class).hasSingleBean(GatewayTemplate.class);
                    assertThat(context.getBean(BusinessWorker.class).options().cluster().registerAddresses())
                            .containsExactly(NOWHERE);
                });
    }

    @Test
    void pureClientRunsNoRoleAndDoesNotConnectUntilUsed() {
        runner.withPropertyValues("gateway.machine-type=").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RegisterServer.class)
                    .doesNotHaveBean(GatewayServer.class).doesNotHaveBean(BusinessWorker.class)
                    .hasSingleBean(GatewayTemplate.class).hasSingleBean(LazyGatewayClient.class);
            assertThat(context.getBean(MachineType.class).isClientOnly()).isTrue();
            assertThat(context.getBean(RegisterAddresses.class).addresses()).containsExactly("127.0.0.1:1236");
            assertThat(context.getBean(LazyGatewayClient.class).isCreated()).isFalse();
            assertThat(context.getEnvironment().containsProperty("local.gateway.register.port")).isFalse();
        });
    }

    @Test
    void anExplicitRegisterAddressWinsOverTheLocalRegister() {
        runner.withPropertyValues("gateway.register-address=" + NOWHERE).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(GatewayServer.class).options().cluster().registerAddresses()).containsExactly(NOWHERE);
            assertThat(context.getBean(BusinessWorker.class).options().cluster().registerAddresses()).containsExactly(NOWHERE);
        });
    }

    @Test
    void aLocalRegisterOnAFixedPortOnAWildcardAddressIsReachedThroughLoopback() {
        assertThat(RegisterAddresses.local("0.0.0.0", 1236).addresses()).containsExactly("127.0.0.1:1236");
        assertThat(RegisterAddresses.local("::", 1236).addresses()).containsExactly("[::1]:1236");
        assertThat(RegisterAddresses.local("10.0.0.1", 1240).addresses()).containsExactly("10.0.0.1:1240");
    }

    @Test
    void propertiesAreMappedOntoTheOptions() {
        runner.withPropertyValues("gateway.machine-type=register, gateway ,worker",
                "gateway.secret-key=s3cret", "gateway.ping-interval=55", "gateway.ping-not-response-limit=1",
                "gateway.ping-data={\"type\":\"ping\"}", "gateway.send-to-client-buffer-size=2MB",
                "gateway.send-to-worker-buffer-size=4MB", "gateway.slow-consumer-policy=close",
                "gateway.router=random", "gateway.hold-timeout=1500ms", "gateway.max-held-events-per-client=10",
                "gateway.listeners.ws.protocol=websocket", "gateway.listeners.ws.websocket-path=/chat",
                "gateway.listeners.ws.max-message-size=64KB", "gateway.listeners.ws.websocket-frame-type=binary",
                "gateway.listeners.ws.handshake-timeout=3", "gateway.listeners.text.protocol=text",
                "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0",
                "gateway.listeners.text.ping-interval=30", "gateway.listeners.text.ping-not-response-limit=2",
                "gateway.listeners.text.ping-data=",
                "gateway.worker.name=Chat", "gateway.worker.concurrency=3", "gateway.worker.max-pending-events=100",
                "gateway.worker.stop-timeout=2", "gateway.worker.run-on-event-loop=true", "gateway.client.connect-timeout=1", "gateway.client.query-timeout=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    GatewayOptions gateway = context.getBean(GatewayServer.class).options();
                    assertThat(gateway.cluster().secretKey()).isEqualTo("s3cret");
                    assertThat(gateway.pingInterval()).isEqualTo(Duration.ofSeconds(55));
                    assertThat(gateway.pingNotResponseLimit()).isEqualTo(1);
                    assertThat(new String(gateway.pingData())).isEqualTo("{\"type\":\"ping\"}");
                    assertThat(gateway.sendToClientBufferSize()).isEqualTo(2 * 1024 * 1024);
                    assertThat(gateway.sendToWorkerBufferSize()).isEqualTo(4 * 1024 * 1024);
                    assertThat(gateway.slowConsumerPolicy()).isEqualTo(SlowConsumerPolicy.CLOSE);
                    assertThat(gateway.router()).isSameAs(WorkerRouter.random());
                    assertThat(gateway.holdTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(gateway.maxHeldEventsPerClient()).isEqualTo(10);
                    ListenerOptions ws = gateway.listeners().get(0);
                    assertThat(ws.name()).isEqualTo("ws");
                    assertThat(ws.protocol()).isEqualTo(ClientProtocol.WEBSOCKET);
                    assertThat(ws.webSocketPath()).isEqualTo("/chat");
                    assertThat(ws.maxMessageSize()).isEqualTo(64 * 1024);
                    assertThat(ws.webSocketFrameType()).isEqualTo(WebSocketFrameType.BINARY);
                    assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(ws.isTls()).isFalse();
                    assertThat(ws.pingInterval()).as("the gateway's").isNull();
                    assertThat(ws.pingNotResponseLimit()).as("the gateway's").isNull();
                    assertThat(ws.pingData()).as("the gateway's").isNull();
                    ListenerOptions text = gateway.listeners().get(1);
                    assertThat(text.name()).isEqualTo("text");
                    assertThat(text.protocol()).isEqualTo(ClientProtocol.TEXT);
                    assertThat(text.pingInterval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(text.pingNotResponseLimit()).isEqualTo(2);
                    assertThat(text.pingData()).as("empty: telnet users get no ping").isEmpty();
                    assertThat(context.getEnvironment().getProperty("local.gateway.listeners.text.port",
                            Integer.class)).isPositive();
                    WorkerOptions worker = context.getBean(BusinessWorker.class).options();
                    assertThat(worker.name()).isEqualTo("Chat");
                    assertThat(worker.cluster().secretKey()).isEqualTo("s3cret");
                    assertThat(worker.concurrency()).isEqualTo(3);
                    assertThat(worker.maxPendingEvents()).isEqualTo(100);
                    assertThat(worker.stopTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(worker.runOnEventLoop()).isTrue();
                    assertThat(worker.cluster().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(worker.api().queryTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(context.getBean(RegisterServer.class).options().secretKey()).isEqualTo("s3cret");
                });
    }

    @Test
    void withoutListenersTheGatewayListensForWebSocketsOnTheDemoPort() {
        List<ListenerOptions> configured = new ArrayList<>();
        new ApplicationContextRunner()
                .withInitializer(new GatewayPortInfoApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class,
                        GatewayRegisterAutoConfiguration.class, GatewayServerAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=register,gateway", "gateway.register.port=0",
                        "gateway.start-port=0")
                // The default port 7272 may be taken on a shared test machine: record it, then bind an ephemeral one.
                .withBean(ListenerOptionsCustomizer.class, () -> (name, builder) -> {
                    configured.add(builder.build());
                    builder.port(0);
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(configured).singleElement().satisfies(listener -> {
                        assertThat(listener.name()).isEqualTo("websocket");
                        assertThat(listener.protocol()).isEqualTo(ClientProtocol.WEBSOCKET);
                        assertThat(listener.host()).isEqualTo("127.0.0.1");
                        assertThat(listener.port()).isEqualTo(7272);
                    });
                    assertThat(context.getEnvironment().getProperty("local.gateway.listeners.websocket.port",
                            Integer.class)).isPositive();
                });
    }

    /** What a list could not do: one value of one listener from the command line or the environment. */
    @Test
    void oneValueOfOneListenerIsOverriddenFromAnotherPropertySource() {
        runner.withPropertyValues("gateway.listeners.ws.websocket-path=/chat",
                "gateway.listeners.text.protocol=text", "gateway.listeners.text.port=0")
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    sources.addFirst(new SimpleCommandLinePropertySource("--gateway.listeners.ws.websocket-path=/live"));
                    sources.addFirst(new SystemEnvironmentPropertySource("test-" + SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("GATEWAY_LISTENERS_TEXT_MAX_MESSAGE_SIZE", "2KB")));
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    List<ListenerOptions> listeners = context.getBean(GatewayServer.class).options().listeners();
                    assertThat(listeners).extracting(ListenerOptions::name).containsExactly("ws", "text");
                    assertThat(listeners.get(0).webSocketPath()).isEqualTo("/live");
                    assertThat(listeners.get(1).maxMessageSize()).isEqualTo(2048);
                    assertThat(listeners.get(1).protocol()).isEqualTo(ClientProtocol.TEXT);
                    // Ephemeral inner ports (start-port 0), each listener's published under its own name.
                    GatewayServer gateway = context.getBean(GatewayServer.class);
                    assertThat(gateway.options().startPort()).isZero();
                    Environment environment = context.getEnvironment();
                    for (String name : List.of("ws", "text")) {
                        assertThat(environment.getProperty("local.gateway.listeners." + name + ".inner-port",
                                Integer.class)).isEqualTo(gateway.listener(name).innerPort()).isPositive();
                    }
                    assertThat(gateway.listener("ws").innerPort()).isNotEqualTo(gateway.listener("text").innerPort());
                });
    }

    @Test
    void userBeansWin() {
        WorkerRouter router = (client, workers) -> workers.get(0);
        runner.withUserConfiguration(UserBeans.class).withBean(WorkerRouter.class, () -> router).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(GatewayTemplate.class)).isSameAs(context.getBean(UserBeans.class).template);
            assertThat(context.getBean(EventLoopResources.class))
                    .isSameAs(context.getBean(UserBeans.class).eventLoops);
            assertThat(context.getBean(GatewayServer.class).options().router()).isSameAs(router);
        });
    }

    @Test
    void aUserBusinessWorkerIsRunByTheLifecycleAndBacksTheTemplate() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .withUserConfiguration(UserWorker.class).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(BusinessWorker.class);
                    assertThat(context.getBean(BusinessWorker.class).options().name()).isEqualTo("Mine");
                    assertThat(context.getBean(BusinessWorkerLifecycle.class).isRunning()).isTrue();
                    assertThat(context).hasSingleBean(GatewayTemplate.class).doesNotHaveBean(LazyGatewayClient.class);
                });
    }

    @Test
    void customizersAreApplied() {
        AtomicInteger clientCustomized = new AtomicInteger();
        runner.withBean(GatewayOptionsCustomizer.class, () -> builder -> builder.pingData("custom"))
                .withBean(WorkerOptionsCustomizer.class, () -> builder -> builder.name("Customized"))
                .withBean(RegisterOptionsCustomizer.class, () -> builder -> builder.authTimeout(Duration.ofSeconds(3)))
                .withBean(ListenerOptionsCustomizer.class, () -> (name, builder) -> builder.webSocketPath("/" + name))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    GatewayOptions gateway = context.getBean(GatewayServer.class).options();
                    assertThat(new String(gateway.pingData())).isEqualTo("custom");
                    assertThat(gateway.listeners().get(0).webSocketPath()).isEqualTo("/ws");
                    assertThat(context.getBean(BusinessWorker.class).options().name()).isEqualTo("Customized");
                    assertThat(context.getBean(RegisterServer.class).options().authTimeout())
                            .isEqualTo(Duration.ofSeconds(3));
                });
        runner.withPropertyValues("gateway.machine-type=", "gateway.register-address=" + NOWHERE)
                .withBean(GatewayClientBuilderCustomizer.class, () -> builder -> clientCustomized.incrementAndGet())
                .run(context -> {
                    assertThat(clientCustomized).hasValue(0);
                    GatewayClient client = context.getBean(LazyGatewayClient.class).get();
                    assertThat(client).isNotNull();
                    assertThat(clientCustomized).hasValue(1);
                });
    }

    @Test
    void aWorkerWithoutHandlerStillStarts() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(BusinessWorker.class)
                        .doesNotHaveBean(WorkerEventHandler.class));
    }

    @Test
    void aHandlerInjectingTheTemplateNeedsTheWorkersLinksNotTheWorker() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.register-address=" + NOWHERE)
                .withBean(TemplateHandler.class).run(context -> {
                    // The handler used the template while the worker that needs the handler was being built.
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BusinessWorker.class).api())
                            .isSameAs(context.getBean(GatewayLinks.class).api());
                    assertThat(context.getBean(TemplateHandler.class).template)
                            .isSameAs(context.getBean(GatewayTemplate.class));
                });
    }

    /** A handler that keeps the Gateway API as a collaborator. */
    static final class TemplateHandler implements WorkerEventHandler {

        final GatewayTemplate template;

        TemplateHandler(GatewayTemplate template) {
            this.template = template;
            // The call reaches the worker's links, which know no gateway yet: the push fails rather than vanish.
            assertThatThrownBy(() -> template.sendToAll("handler ready")).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("no gateway is known");
        }

        @Override
        public void onMessage(EventContext context, byte[] message) {
            template.sendToAll(message);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        final GatewayTemplate template = new GatewayTemplate(() -> {
            throw new IllegalStateException("not used");
        });

        final EventLoopResources eventLoops = EventLoopResources.create(1, "user");

        @Bean
        GatewayTemplate myTemplate() {
            return template;
        }

        @Bean(destroyMethod = "close")
        EventLoopResources myEventLoops() {
            return eventLoops;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserWorker {

        @Bean(destroyMethod = "")
        BusinessWorker myWorker(EventLoopResources eventLoops) {
            return new BusinessWorker(WorkerOptions.builder().name("Mine")
                    .cluster(ClusterConnectionOptions.builder().registerAddresses(NOWHERE).build()).build(),
                    (context, message) -> { }, eventLoops.borrowed());
        }
    }
}
