package org.jgateway.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.jgateway.spring.annotation.ClientId;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.worker.TestEventContexts;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import tools.jackson.databind.json.JsonMapper;

/** Handler beans behind AOP proxies: methods are found on the target class and called through the proxy. */
class ProxiedEventHandlerTest {

    private final RecordingGatewayApi recorder = new RecordingGatewayApi();
    private final List<String> advised = new ArrayList<>();

    public interface Greeter {

        @OnMessage(type = "greet")
        String greet(@ClientId String clientId);
    }

    public static class GreeterHandler implements Greeter {

        @Override
        public String greet(String clientId) {
            return "hi " + clientId;
        }

        @OnMessage
        public String other(String message) {
            return "other " + message;
        }
    }

    private Object proxy(boolean proxyTargetClass) {
        ProxyFactory factory = new ProxyFactory(new GreeterHandler());
        factory.setProxyTargetClass(proxyTargetClass);
        factory.addAdvice((MethodInterceptor) invocation -> {
            advised.add(invocation.getMethod().getName());
            return invocation.proceed();
        });
        return factory.getProxy();
    }

    private void message(AnnotatedEventHandlerDispatcher dispatcher, String text) {
        dispatcher.onMessage(TestEventContexts.create(recorder.api()), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void classProxyIsCalledThroughTheProxyWithAnnotationsInheritedFromTheInterface() {
        AnnotatedEventHandlerDispatcher dispatcher = new AnnotatedEventHandlerDispatcher(List.of(proxy(true)),
                JsonMapper.shared(), "type");

        message(dispatcher, "{\"type\":\"greet\"}");
        message(dispatcher, "x");

        assertThat(advised).containsExactly("greet", "other");
        assertThat(recorder.sentToCurrentClient()).containsExactly("hi " + TestEventContexts.CLIENT_ID, "other x");
    }

    @Test
    void interfaceProxyThatDoesNotExposeAMethodFailsNamingIt() {
        Object proxy = proxy(false);
        assertThatThrownBy(() -> new AnnotatedEventHandlerDispatcher(List.of(proxy), JsonMapper.shared(), "type"))
                .isInstanceOf(InvalidEventHandlerException.class)
                .hasMessageContaining("GreeterHandler.other(String)")
                .hasMessageContaining("JDK proxy");
    }
}
