package org.jgateway.redis.engine;

/**
 * The engine's keys all start with {@code {prefix}:}, the prefix in braces being a Redis Cluster hash tag: every key
 * of one cluster lands in one slot, so the engine's script may touch them together on Redis Cluster, and several
 * JGateway clusters with different prefixes share one Redis.
 */
final class EngineKeys {

    private EngineKeys() {
    }

    /** {@code {prefix}:}; the prefix must not be blank nor contain braces (they would change the hash tag). */
    static String tag(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("prefix must be non-blank and without braces: '" + prefix + "'");
        }
        return '{' + prefix + "}:";
    }
}
