package org.jgateway.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The Lettuce client of one gateway or worker process: one shared command connection, opened at construction so a
 * wrong address or password stops the process at startup, and pub/sub connections on request. A single Redis, a
 * Sentinel-managed master (both {@link RedisClient}) and a Redis Cluster ({@link RedisClusterClient}) are served
 * through the same command interface, {@link RedisClusterAsyncCommands}, so callers write no mode-specific code (their
 * multi-key commands keep to one hash slot).
 * <p>
 * Lettuce reconnects by itself. While Redis is away commands fail at once ({@link
 * ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}) instead of queueing without bound, and a command Redis does
 * not answer fails after the command timeout, so callers can count and report what did not happen.
 */
public final class RedisConnections implements AutoCloseable {

    /** Lettuce's own event loops; a gateway's Redis traffic is a small share of its I/O. */
    private static final int IO_THREADS = 2;

    /**
     * Reconnect attempts back off from 50 ms to at most 1 s (Lettuce's default goes up to 30 s), so the state kept in
     * Redis is rebuilt within seconds of Redis returning, however long it was away.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final Supplier<StatefulRedisPubSubConnection<String, String>> pubSub;
    private final String description;
    private final boolean cluster;

    private RedisConnections(AbstractRedisClient client, ClientResources resources,
            StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands,
            Supplier<StatefulRedisPubSubConnection<String, String>> pubSub, String description, boolean cluster) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.commands = commands;
        this.pubSub = pubSub;
        this.description = description;
        this.cluster = cluster;
    }

    /**
     * Connects to a single Redis, or to the master a Sentinel names when {@code uri} lists sentinels.
     *
     * @throws RedisUnavailableException when Redis cannot be reached or refuses the credentials
     */
    public static RedisConnections standalone(RedisURI uri, Duration commandTimeout) {
        return standalone(uri, commandTimeout, null);
    }

    /**
     * {@link #standalone(RedisURI, Duration)} with the trust and key material of TLS connections ({@code uri} with
     * {@link RedisURI#isSsl() TLS}); {@code ssl} null: the JDK's defaults.
     */
    public static RedisConnections standalone(RedisURI uri, Duration commandTimeout, SslOptions ssl) {
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout));
        if (ssl != null) {
            options.sslOptions(ssl);
        }
        client.setOptions(options.build());
        String description = describe(List.of(uri));
        try {
            StatefulRedisConnection<String, String> connection = client.connect(uri);
            connection.setTimeout(commandTimeout);
            return new RedisConnections(client, resources, connection, connection.async(),
                    () -> client.connectPubSub(uri), description, false);
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw unavailable(description, uri, e);
        }
    }

    /**
     * Connects to a Redis Cluster through any of its {@code nodes}; the others are learnt from the cluster.
     *
     * @throws RedisUnavailableException when no node can be reached or the cluster refuses the credentials
     */
    public static RedisConnections cluster(List<RedisURI> nodes, Duration commandTimeout) {
        return cluster(nodes, commandTimeout, null);
    }

    /**
     * {@link #cluster(List, Duration)} with the trust and key material of TLS connections ({@code nodes} with
     * {@link RedisURI#isSsl() TLS}); {@code ssl} null: the JDK's defaults.
     */
    public static RedisConnections cluster(List<RedisURI> nodes, Duration commandTimeout, SslOptions ssl) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("A Redis Cluster needs at least one node address");
        }
        ClientResources resources = resources();
        RedisClusterClient client = RedisClusterClient.create(resources, nodes);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                // Failovers and restarted nodes move slots: follow MOVED/ASK and lost connections at once.
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                        .build());
        if (ssl != null) {
            options.sslOptions(ssl);
        }
        client.setOptions(options.build());
        String description = "cluster " + describe(nodes);
        try {
            StatefulRedisClusterConnection<String, String> connection = client.connect();
            connection.setTimeout(commandTimeout);
            return new RedisConnections(client, resources, connection, connection.async(),
                    client::connectPubSub, description, true);
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw unavailable(description, nodes.get(0), e);
        }
    }

    private static ClientResources resources() {
        return DefaultClientResources.builder().ioThreadPoolSize(IO_THREADS).computationThreadPoolSize(IO_THREADS)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    private static String describe(List<RedisURI> uris) {
        return uris.stream().map(uri -> {
            if (uri.getSentinels().isEmpty()) {
                return uri.getHost() + ":" + uri.getPort();
            }
            return "master '" + uri.getSentinelMasterId() + "' of sentinels " + uri.getSentinels().stream()
                    .map(sentinel -> sentinel.getHost() + ":" + sentinel.getPort()).collect(Collectors.joining(","));
        }).collect(Collectors.joining(","));
    }

    /** Says what went wrong without the password: Redis's own error text never contains it. */
    private static RedisUnavailableException unavailable(String description, RedisURI uri, RuntimeException e) {
        RedisCommandExecutionException refused = find(e, RedisCommandExecutionException.class);
        String reply = refused == null ? null : refused.getMessage();
        if (reply != null && (reply.startsWith("WRONGPASS") || reply.startsWith("NOAUTH") || reply.startsWith("NOPERM")
                || reply.startsWith("ERR AUTH"))) {
            String user = user(uri.getCredentialsProvider());
            return new RedisUnavailableException("Redis " + description + " refused the login of " + user + ": "
                    + reply, RedisUnavailableException.Reason.AUTHENTICATION, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
        if (find(e, SSLException.class) != null) {
            return new RedisUnavailableException("TLS handshake with Redis " + description + " failed: "
                    + rootMessage, RedisUnavailableException.Reason.TLS_HANDSHAKE, e);
        }
        return new RedisUnavailableException("Redis " + description + " is unreachable: " + rootMessage,
                RedisUnavailableException.Reason.UNREACHABLE, e);
    }

    private static String user(RedisCredentialsProvider credentials) {
        try {
            // Credentials given at startup resolve at once; a provider that cannot is not waited for.
            RedisCredentials resolved = credentials.resolveCredentials().block(Duration.ofSeconds(1));
            return resolved == null || resolved.getUsername() == null ? "the default user"
                    : "user '" + resolved.getUsername() + "'";
        } catch (RuntimeException e) {
            return "the configured user";
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The shared command connection; callers pipeline on it and never block an event loop on its futures. */
    public RedisClusterAsyncCommands<String, String> commands() {
        return commands;
    }

    /**
     * Opens a new pub/sub connection (on a Redis Cluster one that also takes sharded {@code SSUBSCRIBE}); the caller
     * closes it.
     */
    public StatefulRedisPubSubConnection<String, String> openPubSub() {
        return pubSub.get();
    }

    /** Whether the shared command connection is connected right now (Lettuce reconnects it by itself). */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Lettuce's events of this client (connects, disconnects, reconnect attempts with their delays). */
    EventBus events() {
        return resources.eventBus();
    }

    public boolean isCluster() {
        return cluster;
    }

    /** Where this client connects, without credentials: {@code 127.0.0.1:6379}, {@code cluster h1:p1,h2:p2}. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        connection.close();
        shutdown(client, resources);
    }

    private static void shutdown(AbstractRedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "Redis " + description;
    }
}
