package org.jgateway.spring.handler;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgateway.client.GatewayApi;

/** A {@link GatewayApi} that records the calls made on it; commands answer true, queries are unsupported. */
final class RecordingGatewayApi {

    record Call(String method, List<Object> args) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final GatewayApi api = (GatewayApi) Proxy.newProxyInstance(GatewayApi.class.getClassLoader(),
            new Class<?>[] {GatewayApi.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "toString" -> {
                        return "RecordingGatewayApi";
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> {
                    }
                }
                if (method.getName().startsWith("get") || method.getName().startsWith("is")
                        || method.getName().equals("async")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                synchronized (calls) {
                    calls.add(new Call(method.getName(), args == null ? List.of() : Arrays.asList(args)));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    GatewayApi api() {
        return api;
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The messages passed to {@code sendToCurrentClient}, in order. */
    List<Object> sentToCurrentClient() {
        return calls().stream().filter(c -> c.method().equals("sendToCurrentClient")).map(c -> c.args().get(0))
                .toList();
    }
}
