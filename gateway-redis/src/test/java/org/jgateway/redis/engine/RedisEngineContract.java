package org.jgateway.redis.engine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterEngineContract;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;

/**
 * The engine contract on the redis engine, whatever the Redis topology: subclasses say how to connect. The sender's
 * process and the gateways' process each have their own connection, as in a deployment, and every test gets a prefix
 * of its own, so it sees only its own cluster's keys.
 */
abstract class RedisEngineContract extends ClusterEngineContract {

    private static final AtomicInteger TESTS = new AtomicInteger();

    protected final RedisEngineOptions options = RedisEngineOptions.builder()
            .prefix(getClass().getSimpleName() + TESTS.incrementAndGet()).build();
    private final RedisConnections senderConnection = connect();
    private final RedisConnections gatewayConnection = connect();
    protected final RedisIndexSync sync = new RedisIndexSync(gatewayConnection, options);

    /** A new connection to the test's Redis (called while the instance is built: use static state only). */
    protected abstract RedisConnections connect();

    @Override
    protected ClusterBroker newBroker() {
        return new RedisBroker(senderConnection, options);
    }

    @Override
    protected LocalIndexSync indexSync() {
        return sync;
    }

    @Override
    protected boolean routes() {
        return true;
    }

    @Override
    protected void awaitEngineReady() {
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.stats().announcedGateways() == 3);
    }

    @Override
    protected void closeEngine() {
        sync.close();
        senderConnection.close();
        gatewayConnection.close();
    }
}
