package org.jgateway.redis.discovery;

import io.lettuce.core.ScriptOutputType;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.discovery.DiscoveryConnection;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.register.HostAndPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One gateway's addresses in the Redis gateway set, refreshed until it is closed; see {@link RedisDiscovery}. */
final class RedisAnnouncement implements DiscoveryConnection {

    private static final Logger log = LoggerFactory.getLogger(RedisAnnouncement.class);

    /**
     * Scores each address with Redis's now + expiry, drops expired members, clears a record of the address leaving
     * (a gateway restarted on the same address), and lets the whole set expire when no gateway refreshes it any more.
     * KEYS: the gateway set, the left set; ARGV: expiry in ms, then the addresses.
     */
    static final String ANNOUNCE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local expiry = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            for i = 2, #ARGV do
              redis.call('ZADD', KEYS[1], now + expiry, ARGV[i])
              redis.call('ZREM', KEYS[2], ARGV[i])
            end
            redis.call('PEXPIRE', KEYS[1], expiry)
            return now
            """;

    /**
     * Removes the addresses and records that they left, for one expiry, so that watches drop them at once instead of
     * keeping them until their announcement would have expired (as they do for addresses missing after a Redis
     * restart). KEYS and ARGV as {@link #ANNOUNCE}.
     */
    static final String WITHDRAW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local expiry = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            for i = 2, #ARGV do
              redis.call('ZREM', KEYS[1], ARGV[i])
              redis.call('ZADD', KEYS[2], now + expiry, ARGV[i])
            end
            redis.call('PEXPIRE', KEYS[2], expiry)
            return now
            """;

    private static final Duration WITHDRAW_TIMEOUT = Duration.ofSeconds(1);

    private final RedisConnections redis;
    private final String[] keys;
    private final String[] args;
    private final List<String> addresses;
    private final Duration expiry;
    private final Duration refreshInterval;
    private final EventExecutor loop;
    private final RepeatedScript<Long> refresh;
    private boolean closed;
    private boolean announced;

    RedisAnnouncement(RedisConnections redis, RedisKeys keys, List<String> addresses, Duration expiry,
            Duration refreshInterval, EventExecutor loop) {
        this.redis = redis;
        this.keys = new String[] { keys.gateways(), keys.leftGateways() };
        this.addresses = HostAndPort.gatewayAddresses(addresses);
        List<String> args = new ArrayList<>(this.addresses.size() + 1);
        args.add(Long.toString(expiry.toMillis()));
        args.addAll(this.addresses);
        this.args = args.toArray(String[]::new);
        this.expiry = expiry;
        this.refreshInterval = refreshInterval;
        this.loop = loop;
        this.refresh = new RepeatedScript<>(redis, "gateway announcement", log,
                () -> redis.commands().<Long>eval(ANNOUNCE, ScriptOutputType.INTEGER, this.keys, this.args),
                now -> firstAnnounced());
    }

    void start() {
        refresh.start(loop, refreshInterval);
    }

    private synchronized void firstAnnounced() {
        if (!announced) {
            announced = true;
            log.info("Gateway addresses {} announced in Redis {} (key {}, expiry {} s, refreshed every {} ms)",
                    addresses, redis.description(), keys[0], expiry.toSeconds(), refreshInterval.toMillis());
        }
    }

    /** Refreshes that did not reach Redis (each is retried at the next interval; only the first is logged). */
    long failedRefreshes() {
        return refresh.failures();
    }

    @Override
    public boolean isConnected() {
        return refresh.isConnected();
    }

    @Override
    public int connectedRegisters() {
        return 0;
    }

    /** Stops refreshing and withdraws the addresses, so workers stop reconnecting at once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        refresh.stop();
        try {
            redis.commands().<Long>eval(WITHDRAW, ScriptOutputType.INTEGER, keys, args)
                    .get(WITHDRAW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not withdraw gateway addresses {} from Redis {} ({}); they expire within {} s",
                    addresses, redis.description(), e.getMessage(), expiry.toSeconds());
        }
    }
}
