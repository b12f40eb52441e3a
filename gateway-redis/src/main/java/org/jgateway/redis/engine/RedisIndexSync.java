package org.jgateway.redis.engine;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.IndexSyncStatus;
import org.jgateway.engine.LocalIndex;
import org.jgateway.engine.LocalIndexListener;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;

/**
 * The redis engine's gateway side: each attached gateway listener keeps its clients, uids and groups in Redis
 * ({@link RedisGatewayIndex}), announces itself there with an expiring entry and rebuilds its state when Redis lost
 * it. One thread of its own refreshes the announcements; {@link #close()} stops it.
 */
public final class RedisIndexSync implements LocalIndexSync, AutoCloseable {

    private final RedisConnections redis;
    private final RedisEngineOptions options;
    private final ScheduledExecutorService heartbeats;
    private final IndexSyncStats stats = new IndexSyncStats();

    /**
     * @param redis the connection every gateway listener of this process writes on; a write it rejects (Redis away)
     *              makes that listener rebuild its state in Redis as soon as Redis answers again
     */
    public RedisIndexSync(RedisConnections redis, RedisEngineOptions options) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.options = Objects.requireNonNull(options, "options");
        AtomicInteger threads = new AtomicInteger();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jgateway-redis-index-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public LocalIndexListener attach(String gatewayAddress, LocalIndex index) {
        RedisGatewayIndex gateway = new RedisGatewayIndex(gatewayAddress, index,
                new EngineScript(redis.commands(), options.prefix()), options, heartbeats, stats);
        gateway.start();
        return gateway;
    }

    /** Counters of this process's gateways' writes to Redis. */
    public IndexSyncStats stats() {
        return stats;
    }

    @Override
    public IndexSyncStatus status() {
        return new IndexSyncStatus(RedisBroker.NAME, stats.announcedGateways(), stats.rebuilds(),
                stats.writeFailures(), stats.indexedClients());
    }

    public RedisEngineOptions options() {
        return options;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
