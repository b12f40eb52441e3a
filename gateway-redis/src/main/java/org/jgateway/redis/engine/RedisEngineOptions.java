package org.jgateway.redis.engine;

import java.time.Duration;
import java.util.Objects;
import org.jgateway.redis.RedisKeys;

/** Immutable options of the redis engine; {@link #defaults()} are the documented defaults. */
public final class RedisEngineOptions {

    /** The key prefix (a Redis Cluster hash tag), {@code gateway.cluster.redis.prefix}. */
    public static final String DEFAULT_PREFIX = RedisKeys.DEFAULT_PREFIX;
    /**
     * How long a gateway's announcement lasts without being refreshed (it is refreshed every third of it): the state of
     * a gateway killed without closing disappears at most this long after its last refresh.
     */
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(10);
    /** How long a sender waits for Redis before it falls back to broadcasting (or, for a query, to the gateways). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final String prefix;
    private final Duration presenceTtl;
    private final Duration commandTimeout;

    private RedisEngineOptions(Builder b) {
        this.prefix = b.prefix;
        this.presenceTtl = b.presenceTtl;
        this.commandTimeout = b.commandTimeout;
    }

    public static RedisEngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String prefix() {
        return prefix;
    }

    public Duration presenceTtl() {
        return presenceTtl;
    }

    /** How often a gateway refreshes its announcement and checks that its state is in Redis: a third of the TTL. */
    public Duration heartbeatInterval() {
        return presenceTtl.dividedBy(3);
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    @Override
    public String toString() {
        return "RedisEngineOptions{prefix=" + prefix + ", presenceTtl=" + presenceTtl + ", commandTimeout="
                + commandTimeout + '}';
    }

    /** Builder of {@link RedisEngineOptions}. */
    public static final class Builder {

        private String prefix = DEFAULT_PREFIX;
        private Duration presenceTtl = DEFAULT_PRESENCE_TTL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder() {
        }

        /** Default {@link RedisEngineOptions#DEFAULT_PREFIX}; what {@link RedisKeys} accepts. */
        public Builder prefix(String prefix) {
            EngineKeys.tag(prefix);
            this.prefix = prefix;
            return this;
        }

        /** Default {@link RedisEngineOptions#DEFAULT_PRESENCE_TTL}; at least 300 ms. */
        public Builder presenceTtl(Duration presenceTtl) {
            Objects.requireNonNull(presenceTtl, "presenceTtl");
            if (presenceTtl.toMillis() < 300) {
                throw new IllegalArgumentException("presenceTtl must be at least 300ms: " + presenceTtl);
            }
            this.presenceTtl = presenceTtl;
            return this;
        }

        /** Default {@link RedisEngineOptions#DEFAULT_COMMAND_TIMEOUT}; must be positive. */
        public Builder commandTimeout(Duration commandTimeout) {
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (commandTimeout.isZero() || commandTimeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        public RedisEngineOptions build() {
            return new RedisEngineOptions(this);
        }
    }
}
