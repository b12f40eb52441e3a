package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redis engine against a real redis-server: routed pushes, presence from Redis. */
class RedisEngineContractTest extends RedisEngineContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @Override
    protected RedisConnections connect() {
        return RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()), Duration.ofSeconds(1));
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

    /**
     * Asynchronous pushes sent before and while Redis stops: those routed and those gone to every gateway arrive in
     * send order, none is lost, and each future completes normally.
     */
    @Test
    void asynchronousPushesKeepTheirOrderAcrossARedisOutage() throws Exception {
        Client member = connect(0);
        Client other = connect(1);
        api.bindUid(member.id(), "steady");
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pushes.add(api.async().sendToUid(List.of("steady"), "p" + i, false));
        }
        redis.stop();
        try {
            for (int i = 100; i < 200; i++) {
                pushes.add(api.async().sendToUid(List.of("steady"), "p" + i, false));
            }
            CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 200; i++) {
                assertThat(member.text().read()).isEqualTo("p" + i);
            }
            assertThat(broker.stats().routingFallbacks()).isPositive();
            assertThat(api.pushesFailed()).isZero();
            assertThat(other.text().silentFor(100)).isTrue();
        } finally {
            redis.start();
        }
    }

    @Test
    void everyGatewayAnnouncesItselfOnceItsStateIsWritten() {
        assertThat(sync.stats().rebuilds()).isEqualTo(3);
        assertThat(sync.stats().writeFailures()).isZero();
    }

    /** The status counts the clients Redis holds for the announced gateways, as Redis counts them at a heartbeat. */
    @Test
    void theIndexedClientsAreThoseRedisHolds() {
        assertThat(sync.status().indexedClients()).isZero();
        Client a = connect(0);
        connect(0);
        connect(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.status().indexedClients() == 3);
        a.text().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.status().indexedClients() == 2);
        redis.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.status().indexedClients() == 0);
        // Redis lost everything: the rebuilt state counts them again (and the next test finds Redis running).
        redis.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sync.status().indexedClients() == 2);
    }
}
