package org.jgateway.autoconfigure.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.OnConnect;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.spring.handler.AnnotatedEventHandlerDispatcher;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.TestEventContexts;
import org.jgateway.worker.WorkerEventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class GatewayEventHandlerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatewayEventHandlerAutoConfiguration.class));

    /** Records what handlers received and replied, through the {@code sendToCurrentClient} of a fake API. */
    static final List<String> EVENTS = new ArrayList<>();

    private static EventContext context(List<Object> sent) {
        GatewayApi api = (GatewayApi) java.lang.reflect.Proxy.newProxyInstance(GatewayApi.class.getClassLoader(),
                new Class<?>[] {GatewayApi.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendToCurrentClient")) {
                        sent.add(args[0]);
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return TestEventContexts.create(api);
    }

    private static List<Object> message(WorkerEventHandler handler, String text) {
        List<Object> sent = new ArrayList<>();
        handler.onMessage(context(sent), text.getBytes(StandardCharsets.UTF_8));
        return sent;
    }

    @GatewayEventHandler
    static class EchoHandler {

        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @Test
    void contributesOneDispatcherForTheHandlerBeans() {
        runner.withUserConfiguration(EchoHandler.class).run(context -> {
            assertThat(context).hasSingleBean(WorkerEventHandler.class);
            assertThat(context).getBean(WorkerEventHandler.class).isInstanceOf(AnnotatedEventHandlerDispatcher.class);
            assertThat(message(context.getBean(WorkerEventHandler.class), "hello")).containsExactly("hello");
        });
    }

    @Test
    void contributesNothingWithoutHandlerBeans() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkerEventHandler.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEventHandler {

        @Bean
        WorkerEventHandler userHandler() {
            return (context, message) -> {
            };
        }
    }

    @Test
    void backsOffWhenTheApplicationDefinesAWorkerEventHandler() {
        runner.withUserConfiguration(EchoHandler.class, UserEventHandler.class).run(context -> {
            assertThat(context).hasSingleBean(WorkerEventHandler.class);
            assertThat(context).doesNotHaveBean(AnnotatedEventHandlerDispatcher.class);
            assertThat(context).hasBean("userHandler");
        });
    }

    @GatewayEventHandler
    @Order(2)
    static class LateHandler {

        @OnConnect
        public void connect() {
            EVENTS.add("late");
        }
    }

    @GatewayEventHandler
    @Order(1)
    static class EarlyHandler {

        @OnConnect
        public void connect() {
            EVENTS.add("early");
        }
    }

    @Test
    void handlerBeansRunInTheirOrder() {
        EVENTS.clear();
        runner.withUserConfiguration(LateHandler.class, EarlyHandler.class).run(context -> {
            context.getBean(WorkerEventHandler.class).onConnect(context(new ArrayList<>()));
            assertThat(EVENTS).containsExactly("early", "late");
        });
    }

    @GatewayEventHandler
    static class NamedHandler {

        private final String name;

        NamedHandler(String name) {
            this.name = name;
        }

        @OnConnect
        public void connect() {
            EVENTS.add(name);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedBeanMethods {

        @Bean
        @Order(3)
        NamedHandler third() {
            return new NamedHandler("third");
        }

        @Bean
        NamedHandler unordered() {
            return new NamedHandler("unordered");
        }

        @Bean
        @Order(1)
        NamedHandler first() {
            return new NamedHandler("first");
        }
    }

    @Test
    void handlerBeansRunInTheOrderOfTheirBeanMethods() {
        EVENTS.clear();
        runner.withUserConfiguration(OrderedBeanMethods.class, LateHandler.class).run(context -> {
            context.getBean(WorkerEventHandler.class).onConnect(context(new ArrayList<>()));
            assertThat(EVENTS).containsExactly("first", "late", "third", "unordered");
        });
    }

    record Greet(String firstName) {
    }

    record Greeting(String fullGreeting) {
    }

    @GatewayEventHandler
    static class GreetHandler {

        @OnMessage(type = "greet")
        public Greeting greet(Greet greet) {
            return new Greeting("hi " + greet.firstName());
        }

        @OnMessage
        public String other(Map<String, Object> message) {
            return "other " + message.keySet();
        }
    }

    @Test
    void bindsAndRepliesWithTheApplicationJsonMapper() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
                .withUserConfiguration(GreetHandler.class).run(context -> {
                    List<Object> sent = message(context.getBean(WorkerEventHandler.class),
                            "{\"type\":\"greet\",\"first_name\":\"Ann\"}");
                    assertThat(new String((byte[]) sent.get(0), StandardCharsets.UTF_8))
                            .isEqualTo("{\"full_greeting\":\"hi Ann\"}");
                });
    }

    @Test
    void routesByTheConfiguredMessageTypeField() {
        runner.withPropertyValues("gateway.worker.message-type-field=cmd").withUserConfiguration(GreetHandler.class)
                .run(context -> {
                    WorkerEventHandler handler = context.getBean(WorkerEventHandler.class);
                    assertThat(new String((byte[]) message(handler, "{\"cmd\":\"greet\",\"firstName\":\"Bo\"}").get(0),
                            StandardCharsets.UTF_8)).isEqualTo("{\"fullGreeting\":\"hi Bo\"}");
                    assertThat(message(handler, "{\"type\":\"greet\"}")).containsExactly("other [type]");
                });
    }

    /** Stands for the worker: a bean that needs the WorkerEventHandler. */
    record Worker(WorkerEventHandler handler) {
    }

    @Configuration(proxyBeanMethods = false)
    static class WorkerConfiguration {

        @Bean
        Worker worker(WorkerEventHandler handler) {
            return new Worker(handler);
        }
    }

    @GatewayEventHandler
    static class HandlerNeedingTheWorker {

        private final Worker worker;

        HandlerNeedingTheWorker(Worker worker) {
            this.worker = worker;
        }

        @OnMessage
        public String message() {
            return String.valueOf(worker.handler() instanceof AnnotatedEventHandlerDispatcher);
        }
    }

    @Test
    void handlerBeansMayDependOnTheWorker() {
        runner.withUserConfiguration(WorkerConfiguration.class, HandlerNeedingTheWorker.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(message(context.getBean(Worker.class).handler(), "x")).containsExactly("true");
        });
    }
}
