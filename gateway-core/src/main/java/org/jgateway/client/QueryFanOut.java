package org.jgateway.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.transport.FutureFailures;
import org.jspecify.annotations.Nullable;

/**
 * Sends a query to one or many gateways and combines the replies: each reply is parsed on its own, the parts are
 * merged in the order the gateways were asked (not the order they answered), and any gateway that failed, timed
 * out or sent an unreadable reply makes the whole query fail with {@link GatewayQueryException} carrying the
 * result merged from the others.
 */
final class QueryFanOut {

    /**
     * Extra time beyond the query timeout before this side gives up on a transport future, so that a transport
     * breaking its "completes within the timeout" contract still cannot hang a caller.
     */
    static final Duration GUARD_GRACE = Duration.ofMillis(500);

    /** Parses the reply payload of one gateway. */
    @FunctionalInterface
    interface ReplyParser<P> {
        @Nullable P parse(GatewayAddress gateway, byte[] payload);
    }

    private final GatewayTransport transport;
    private final Duration timeout;

    QueryFanOut(GatewayTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** The gateways the transport knows now (possibly none). */
    Collection<String> knownGateways() {
        return transport.gatewayAddresses();
    }

    /** The gateways a broadcast query goes to. @throws GatewayException when none is known */
    List<String> allGateways() {
        Collection<String> addresses = transport.gatewayAddresses();
        if (addresses == null || addresses.isEmpty()) {
            throw new GatewayException("No gateway address is known (the register has not listed any gateway yet)");
        }
        return List.copyOf(addresses);
    }

    /** Sends the same frame to every known gateway. */
    <P, R> CompletableFuture<R> broadcast(String query, GatewayFrame frame, ReplyParser<P> parser,
            Function<List<P>, R> merge) {
        List<String> gateways;
        try {
            gateways = allGateways();
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<String, GatewayFrame> requests = new LinkedHashMap<>();
        for (String gateway : gateways) {
            requests.put(gateway, frame);
        }
        return ask(query, requests, parser, merge);
    }

    /** Sends each gateway its own frame. */
    <P, R> CompletableFuture<R> ask(String query, Map<String, GatewayFrame> requests, ReplyParser<P> parser,
            Function<List<P>, R> merge) {
        List<String> gateways = new ArrayList<>(requests.size());
        List<CompletableFuture<P>> parts = new ArrayList<>(requests.size());
        requests.forEach((gateway, frame) -> {
            gateways.add(gateway);
            parts.add(askOne(gateway, frame, parser));
        });
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            List<P> answered = new ArrayList<>(parts.size());
            Map<String, String> missing = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                CompletableFuture<P> part = parts.get(i);
                try {
                    answered.add(part.getNow(null));
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    missing.put(gateways.get(i), reason(cause != null ? cause : e));
                }
            }
            R result = merge.apply(answered);
            if (!missing.isEmpty()) {
                throw new GatewayQueryException(query, result, missing);
            }
            return result;
        });
    }

    /**
     * A query to a single gateway (the owner of a client_id). A missing answer fails with
     * {@link GatewayQueryException} without a partial result: "no answer" is never reported as "offline".
     */
    <R> CompletableFuture<R> unicast(String query, String gateway, GatewayFrame frame, ReplyParser<R> parser) {
        return askOne(gateway, frame, parser).handle((result, failure) -> {
            if (failure != null) {
                throw new GatewayQueryException(query, null, Map.of(gateway, reason(FutureFailures.cause(failure))));
            }
            return result;
        });
    }

    private <P> CompletableFuture<P> askOne(String gateway, GatewayFrame frame, ReplyParser<P> parser) {
        GatewayAddress address;
        CompletableFuture<byte[]> reply;
        try {
            address = GatewayAddress.parse(gateway);
            reply = transport.query(gateway, frame, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.orTimeout(timeout.plus(GUARD_GRACE).toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(payload -> parse(parser, address, payload));
    }

    private static <P> @Nullable P parse(ReplyParser<P> parser, GatewayAddress address, byte[] payload) {
        try {
            return parser.parse(address, payload);
        } catch (RuntimeException e) {
            throw new GatewayException("unreadable reply: " + e.getMessage(), e);
        }
    }

    private String reason(Throwable failure) {
        Throwable cause = FutureFailures.cause(failure);
        if (cause instanceof TimeoutException) {
            return "timeout after " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message;
    }
}
