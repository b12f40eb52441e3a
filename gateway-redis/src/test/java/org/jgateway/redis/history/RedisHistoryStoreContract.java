package org.jgateway.redis.history;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStoreContract;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.junit.jupiter.api.AfterEach;

/**
 * The history contract on Redis Streams, whatever the Redis topology: subclasses say how to connect. Every store has
 * its own Redis client, as a process of a deployment has, and every test a key prefix of its own.
 */
abstract class RedisHistoryStoreContract extends HistoryStoreContract {

    private static final AtomicInteger TESTS = new AtomicInteger();

    protected final RedisKeys keys = new RedisKeys(getClass().getSimpleName() + TESTS.incrementAndGet());
    private final Map<HistoryStore, RedisConnections> opened = new IdentityHashMap<>();

    /** A new client of the test's Redis (called while the instance is built: use static state only). */
    protected abstract RedisConnections connect();

    @Override
    protected RedisHistoryStore createStore(HistoryOptions options) {
        RedisConnections redis = connect();
        RedisHistoryStore store = new RedisHistoryStore(redis, keys, options);
        opened.put(store, redis);
        return store;
    }

    @Override
    protected void closeStore(HistoryStore store) {
        RedisConnections redis = opened.remove(store);
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeEveryClient() {
        opened.values().forEach(RedisConnections::close);
        opened.clear();
    }
}
