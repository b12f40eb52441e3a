package org.jgateway.redis.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jgateway.discovery.DiscoveryConnection;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.transport.EventLoopResources;

/**
 * Gateway discovery without a register: each gateway keeps its inner addresses in a Redis sorted set
 * ({@link RedisKeys#gateways()}), scored by the Redis time its announcement expires, and refreshes them every
 * {@link Builder#refreshInterval(Duration) refresh interval}; workers and API clients read the unexpired members every
 * {@link Builder#pollInterval(Duration) poll interval}. A gateway that stops in order withdraws its addresses at once;
 * one that dies (kill -9, a lost host) is forgotten once its announcement expires ({@link #DEFAULT_EXPIRY}).
 * Expiry is computed on Redis's clock, so the hosts' clocks need not agree.
 * <p>
 * While Redis is away nothing is torn down: gateways keep their clients and workers their gateway connections, and a
 * watch keeps every address whose last announcement has not expired yet. After Redis returns (empty, if it keeps no
 * data) the gateways re-announce within one refresh interval of Lettuce's reconnect.
 * <p>
 * With {@link Builder#alsoAnnounceTo(GatewayDiscovery)} gateways also announce themselves to registers, so PHP
 * BusinessWorkers and GatewayClients of a mixed cluster find them; workers and clients of this discovery read Redis only.
 */
public final class RedisDiscovery implements GatewayDiscovery {

    /** How long an announcement lives without a refresh: the bound on how long a dead gateway stays listed. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(10);

    /** How often a gateway refreshes its announcement. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

    /** How often workers and API clients read the gateway list. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final Duration expiry;
    private final Duration refreshInterval;
    private final Duration pollInterval;
    private final GatewayDiscovery registers;

    private RedisDiscovery(Builder builder) {
        this.redis = builder.redis;
        this.keys = builder.keys;
        this.expiry = builder.expiry;
        this.refreshInterval = builder.refreshInterval;
        this.pollInterval = builder.pollInterval;
        this.registers = builder.registers;
    }

    public static Builder builder(RedisConnections redis) {
        return new Builder(redis);
    }

    @Override
    public DiscoveryConnection announce(List<String> gatewayAddresses, EventLoopResources resources) {
        RedisAnnouncement announcement = new RedisAnnouncement(redis, keys, gatewayAddresses, expiry,
                refreshInterval, resources.group().next());
        announcement.start();
        if (registers == null) {
            return announcement;
        }
        DiscoveryConnection alsoRegisters;
        try {
            alsoRegisters = registers.announce(gatewayAddresses, resources);
        } catch (RuntimeException e) {
            announcement.close();
            throw e;
        }
        return new CombinedAnnouncement(announcement, alsoRegisters);
    }

    @Override
    public GatewayWatch watch(EventLoopResources resources, Consumer<Set<String>> listener) {
        RedisGatewayWatch watch = new RedisGatewayWatch(redis, keys, pollInterval, resources.group().next(),
                listener);
        watch.start();
        return watch;
    }

    public RedisKeys keys() {
        return keys;
    }

    public Duration expiry() {
        return expiry;
    }

    @Override
    public String toString() {
        return "Redis " + redis.description() + " (key " + keys.gateways() + ")"
                + (registers == null ? "" : ", also announced to " + registers);
    }

    /** Builder of {@link RedisDiscovery}. */
    public static final class Builder {

        private final RedisConnections redis;
        private RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_PREFIX);
        private Duration expiry = DEFAULT_EXPIRY;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private GatewayDiscovery registers;

        private Builder(RedisConnections redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        /** Key names (default prefix {@value RedisKeys#DEFAULT_PREFIX}). */
        public Builder keys(RedisKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Default {@link RedisDiscovery#DEFAULT_EXPIRY}; at least three refresh intervals. */
        public Builder expiry(Duration expiry) {
            this.expiry = positive(expiry, "expiry");
            return this;
        }

        /** Default {@link RedisDiscovery#DEFAULT_REFRESH_INTERVAL}. */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = positive(refreshInterval, "refreshInterval");
            return this;
        }

        /** Default {@link RedisDiscovery#DEFAULT_POLL_INTERVAL}. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /** Gateways also announce themselves here (the registers of a mixed cluster with PHP processes). */
        public Builder alsoAnnounceTo(GatewayDiscovery registers) {
            this.registers = Objects.requireNonNull(registers, "registers");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        /** @throws IllegalArgumentException when the expiry is shorter than three refresh intervals */
        public RedisDiscovery build() {
            if (expiry.compareTo(refreshInterval.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("expiry (" + expiry + ") must be at least three refresh intervals ("
                        + refreshInterval + "), or a slow refresh would drop a live gateway from the list");
            }
            return new RedisDiscovery(this);
        }
    }
}
