package org.jgateway.redis.engine;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.util.Objects;

/**
 * The Redis connection the engine runs its script on: a standalone, Sentinel-managed (master/replica) or Cluster
 * connection with a String codec. Lettuce's defaults suit the engine: while the connection is down, a gateway's
 * writes are queued and replayed in order when it is back, and the senders, which look at {@link #isOpen()} first,
 * broadcast instead of waiting.
 */
public final class RedisEngineConnection {

    private final StatefulConnection<String, String> connection;
    private final RedisScriptingAsyncCommands<String, String> commands;

    private RedisEngineConnection(StatefulConnection<String, String> connection,
            RedisScriptingAsyncCommands<String, String> commands) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.commands = commands;
    }

    /** A standalone or master/replica connection. */
    public static RedisEngineConnection of(StatefulRedisConnection<String, String> connection) {
        return new RedisEngineConnection(connection, connection.async());
    }

    /** A Redis Cluster connection: the engine's keys share one hash tag, so its script runs on one node. */
    public static RedisEngineConnection of(StatefulRedisClusterConnection<String, String> connection) {
        return new RedisEngineConnection(connection, connection.async());
    }

    RedisScriptingAsyncCommands<String, String> commands() {
        return commands;
    }

    /** Whether the connection is up now. */
    public boolean isOpen() {
        return connection.isOpen();
    }
}
