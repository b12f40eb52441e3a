package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterEngineContract;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redis engine against a real redis-server: routed pushes, presence from Redis. */
class RedisEngineContractTest extends ClusterEngineContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final AtomicInteger TESTS = new AtomicInteger();

    /** A prefix per test: each test sees only its own cluster's keys. */
    private final RedisEngineOptions options = RedisEngineOptions.builder().prefix("contract" + TESTS.incrementAndGet())
            .build();
    /** The sender's process and the gateways' process each have their own connection, as in a deployment. */
    private final RedisConnections senderConnection = RedisConnections.standalone(
            RedisURI.create(redis.host(), redis.port()), Duration.ofSeconds(1));
    private final RedisConnections gatewayConnection = RedisConnections.standalone(
            RedisURI.create(redis.host(), redis.port()), Duration.ofSeconds(1));
    private final RedisIndexSync sync = new RedisIndexSync(gatewayConnection, options);

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

    @Test
    void whileRedisIsDownPushesGoToEveryGatewayAndAMembershipChangedMeanwhileIsRoutedOnceItIsBack() {
        Client member = connect(0);
        Client other = connect(1);
        long rebuilds = sync.stats().rebuilds();
        redis.stop();
        api.joinGroup(member.id(), "late");
        api.sendToGroup("late", "during the outage");
        assertThat(member.text().read()).isEqualTo("during the outage");
        assertThat(api.getClientIdCountByGroup("late")).isEqualTo(1);
        assertThat(broker.stats().membershipWriteFailures()).isEqualTo(1);
        assertThat(broker.stats().routingFallbacks()).isEqualTo(1);
        assertThat(broker.stats().presenceFallbacks()).isEqualTo(1);

        redis.start();
        // Redis lost everything: each gateway rebuilds its state from its own tables and announces itself again.
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.stats().rebuilds() >= rebuilds + 3
                && sync.stats().announcedGateways() == 3);
        long routed = broker.stats().routed();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            api.sendToGroup("late", "after");
            return broker.stats().routed() > routed;
        });
        assertThat(member.text().read()).isEqualTo("after");
        assertThat(other.text().silentFor(200)).isTrue();
        assertThat(api.getClientIdCountByGroup("late")).isEqualTo(1);
    }

    @Test
    void everyGatewayAnnouncesItselfOnceItsStateIsWritten() {
        assertThat(sync.stats().rebuilds()).isEqualTo(3);
        assertThat(sync.stats().writeFailures()).isZero();
    }
}
