package org.jgateway.redis.discovery;

import io.lettuce.core.ScriptOutputType;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jgateway.discovery.DiscoveryUnavailableException;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway list of a worker or API client, read from Redis every poll interval; see {@link RedisDiscovery}.
 * <p>
 * An address stays listed until its last announcement seen here expires (on Redis's clock), even when it is missing
 * from a read: after Redis restarts empty, the gateways re-announce within a refresh interval, and in between the
 * list must not shrink (an API client would broadcast to no gateway).
 */
final class RedisGatewayWatch implements GatewayWatch {

    private static final Logger log = LoggerFactory.getLogger(RedisGatewayWatch.class);

    /**
     * Redis's now in ms, the number n of unexpired announced addresses, n pairs of address and expiry, then the
     * addresses that left in order. KEYS: the gateway set, the left set.
     */
    static final String LIST = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES')
            local result = { now, #members / 2 }
            for i = 1, #members do
              result[#result + 1] = members[i]
            end
            local left = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. now, '+inf')
            for i = 1, #left do
              result[#result + 1] = left[i]
            end
            return result
            """;

    private final RedisConnections redis;
    private final String[] keys;
    private final Duration pollInterval;
    private final EventExecutor loop;
    private final Consumer<Set<String>> listener;
    private final RepeatedScript<List<Object>> poll;
    private final CompletableFuture<Void> firstList = new CompletableFuture<>();
    // Confined to the loop: the latest expiry seen for each address.
    private final Map<String, Long> expiries = new HashMap<>();
    private volatile Set<String> addresses = Set.of();
    private volatile boolean closed;

    RedisGatewayWatch(RedisConnections redis, RedisKeys keys, Duration pollInterval, EventExecutor loop,
            Consumer<Set<String>> listener) {
        this.redis = redis;
        this.keys = new String[] { keys.gateways(), keys.leftGateways() };
        this.pollInterval = pollInterval;
        this.loop = loop;
        this.listener = listener;
        this.poll = new RepeatedScript<>(redis, "reading the gateway list", log,
                () -> redis.commands().<List<Object>>eval(LIST, ScriptOutputType.MULTI, this.keys),
                reply -> loop.execute(() -> received(reply)));
    }

    void start() {
        poll.start(loop, pollInterval);
    }

    private void received(List<Object> reply) {
        if (closed) {
            return;
        }
        long now = ((Number) reply.get(0)).longValue();
        int announced = ((Number) reply.get(1)).intValue();
        int end = 2 + 2 * announced;
        for (int i = 2; i < end; i += 2) {
            String address = String.valueOf(reply.get(i));
            long expiresAt = (long) Double.parseDouble(String.valueOf(reply.get(i + 1)));
            expiries.merge(address, expiresAt, Math::max);
        }
        for (int i = end; i < reply.size(); i++) {
            expiries.remove(String.valueOf(reply.get(i)));
        }
        expiries.values().removeIf(expiresAt -> expiresAt <= now);
        Set<String> current = Collections.unmodifiableSet(new TreeSet<>(expiries.keySet()));
        boolean changed = !current.equals(addresses);
        if (changed) {
            addresses = current;
            log.info("Gateway addresses from Redis {}: {}", redis.description(), current);
        }
        firstList.complete(null);
        if (changed) {
            try {
                listener.accept(current);
            } catch (RuntimeException e) {
                log.error("Gateway address listener failed", e);
            }
        }
    }

    @Override
    public Set<String> gatewayAddresses() {
        return addresses;
    }

    @Override
    public Set<String> awaitAddresses(Duration timeout) {
        try {
            firstList.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return addresses;
        } catch (TimeoutException e) {
            Throwable failure = poll.lastFailure();
            throw new DiscoveryUnavailableException("Redis " + redis.description() + " gave no gateway list within "
                    + timeout.toMillis() + " ms" + (failure == null ? "" : " (" + failure.getMessage() + ")"));
        } catch (ExecutionException e) {
            throw new DiscoveryUnavailableException("Closed before Redis gave the gateway list", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryUnavailableException("Interrupted while waiting for the gateway list", e);
        }
    }

    @Override
    public boolean isConnected() {
        return poll.isConnected();
    }

    @Override
    public int connectedRegisters() {
        return 0;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        poll.stop();
        firstList.completeExceptionally(new IllegalStateException("closed"));
    }
}
