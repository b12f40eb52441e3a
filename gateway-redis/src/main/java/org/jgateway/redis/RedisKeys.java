package org.jgateway.redis;

/**
 * The names of the keys and channels a JGateway cluster uses in Redis, all under one prefix so that several clusters
 * (staging and production, two products) share one Redis without seeing each other.
 *
 * @param prefix the first part of every name, e.g. {@code jgateway}; letters, digits and {@code . _ - :}
 */
public record RedisKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "jgateway";

    public RedisKeys {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("The Redis key prefix is empty; give e.g. '" + DEFAULT_PREFIX + "'");
        }
        if (!prefix.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || ".-_:".indexOf(c) >= 0))) {
            throw new IllegalArgumentException("The Redis key prefix '" + prefix
                    + "' may only contain ASCII letters, digits and . _ - : (no spaces, no braces)");
        }
    }

    /**
     * The sorted set of announced gateway inner addresses, scored by the Redis time each announcement expires. Its
     * hash tag keeps it in the slot of {@link #leftGateways()}, so one script updates both on a Redis Cluster.
     */
    public String gateways() {
        return prefix + ":{gateways}";
    }

    /** The addresses of gateways that stopped in order, scored by the Redis time this record expires. */
    public String leftGateways() {
        return prefix + ":{gateways}:left";
    }
}
