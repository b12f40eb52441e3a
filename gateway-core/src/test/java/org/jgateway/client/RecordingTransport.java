package org.jgateway.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jgateway.protocol.GatewayFrame;

/**
 * A {@link GatewayTransport} that records every frame and answers queries from a script: per gateway address a
 * function from the query frame to the reply future (default: fail as "not connected").
 */
class RecordingTransport implements GatewayTransport {

    /** A frame sent to a gateway. */
    record Sent(String gateway, GatewayFrame frame) {
    }

    private final List<String> gateways;
    private final List<Sent> commands = new CopyOnWriteArrayList<>();
    private final List<Sent> queries = new CopyOnWriteArrayList<>();
    private final Map<String, Function<GatewayFrame, CompletableFuture<byte[]>>> answers = new HashMap<>();
    private final List<Duration> timeouts = new CopyOnWriteArrayList<>();

    RecordingTransport(String... gateways) {
        this.gateways = List.of(gateways);
    }

    /** Every query to {@code gateway} is answered with {@code payload}. */
    RecordingTransport answer(String gateway, String payload) {
        return answer(gateway, frame -> CompletableFuture.completedFuture(payload.getBytes(StandardCharsets.UTF_8)));
    }

    RecordingTransport answer(String gateway, Function<GatewayFrame, CompletableFuture<byte[]>> answer) {
        answers.put(gateway, answer);
        return this;
    }

    /** Queries to {@code gateway} fail as the pool fails a query that got no reply in time. */
    RecordingTransport timeOut(String gateway) {
        return answer(gateway, frame -> CompletableFuture.failedFuture(
                new java.util.concurrent.TimeoutException("no reply from gateway " + gateway)));
    }

    @Override
    public List<String> gatewayAddresses() {
        return gateways;
    }

    @Override
    public boolean send(String gatewayAddress, GatewayFrame command) {
        commands.add(new Sent(gatewayAddress, command));
        return true;
    }

    @Override
    public CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout) {
        queries.add(new Sent(gatewayAddress, query));
        timeouts.add(timeout);
        Function<GatewayFrame, CompletableFuture<byte[]>> answer = answers.get(gatewayAddress);
        if (answer == null) {
            return CompletableFuture.failedFuture(new GatewayException("gateway " + gatewayAddress + " is not connected"));
        }
        return answer.apply(query);
    }

    List<Sent> commands() {
        return new ArrayList<>(commands);
    }

    List<Sent> queries() {
        return new ArrayList<>(queries);
    }

    List<Duration> timeouts() {
        return new ArrayList<>(timeouts);
    }
}
