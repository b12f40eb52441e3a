package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.client.GatewayClient;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterEngineContract;
import org.jgateway.engine.LocalIndexSync;
import org.jgateway.protocol.ClientId;
import org.jgateway.redis.RedisConnections;
import org.junit.jupiter.api.Test;

/**
 * The engine contract on the redis engine, whatever the Redis topology: subclasses say how to connect. Each sender
 * and the gateways' process have their own connection, as in a deployment, and every test gets a prefix
 * of its own, so it sees only its own cluster's keys.
 */
abstract class RedisEngineContract extends ClusterEngineContract {

    private static final AtomicInteger TESTS = new AtomicInteger();

    protected final RedisEngineOptions options = RedisEngineOptions.builder()
            .prefix(getClass().getSimpleName() + TESTS.incrementAndGet()).build();
    private final List<RedisConnections> senderConnections = new CopyOnWriteArrayList<>();
    private final RedisConnections gatewayConnection = connect();
    protected final RedisIndexSync sync = new RedisIndexSync(gatewayConnection, options);

    /** A new connection to the test's Redis (called while the instance is built: use static state only). */
    protected abstract RedisConnections connect();

    @Override
    protected ClusterBroker newBroker() {
        RedisConnections senderConnection = connect();
        senderConnections.add(senderConnection);
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
        senderConnections.forEach(RedisConnections::close);
        gatewayConnection.close();
    }
    /**
     * Read your writes across processes: a presence query of another sender (its own Redis connection, broker and
     * gateway connections), made after a membership command returned, reflects it, and is answered by Redis, not by
     * the gateways: the command's sender had Redis confirm the change before its call returned. Repeated, so that a
     * reply racing the change would show.
     */
    @Test
    void anotherSendersPresenceReflectsEveryCommandAsSoonAsItReturned() {
        Client a = connect(0);
        Client b = connect(2);
        ClusterBroker otherBroker = newBroker();
        try (GatewayClient other = newApi(otherBroker)) {
            long queries = gatewayQueries();
            for (int i = 0; i < 100; i++) {
                String uid = "rw-u" + i;
                String group = "rw-g" + i;
                api.bindUid(a.id(), uid);
                assertThat(other.isUidOnline(uid)).as("isUidOnline after bindUid #%d", i).isTrue();
                assertThat(other.getClientIdByUid(uid)).as("getClientIdByUid #%d", i).containsExactly(a.id());
                api.joinGroup(b.id(), group);
                api.joinGroup(a.id(), group);
                assertThat(other.getClientIdCountByGroup(group)).as("count after joinGroup #%d", i).isEqualTo(2);
                assertThat(other.getUidListByGroup(group)).as("uids after joinGroup #%d", i).containsExactly(uid);
                api.leaveGroup(b.id(), group);
                assertThat(other.getClientIdListByGroup(group)).as("members after leaveGroup #%d", i)
                        .containsExactly(a.id());
                api.unbindUid(a.id(), uid);
                assertThat(other.isUidOnline(uid)).as("isUidOnline after unbindUid #%d", i).isFalse();
                api.ungroup(group);
                assertThat(other.getAllGroupIdList()).as("groups after ungroup #%d", i).isEmpty();
            }
            assertThat(otherBroker.stats().presenceFallbacks()).isZero();
            assertThat(gatewayQueries()).as("queries the gateways answered").isEqualTo(queries);
        }
    }

    /**
     * The gateways a uid is routed to follow its clients: a rebind moves it, an unbind or a client's exit removes a
     * gateway once no client of the uid is left there.
     */
    @Test
    void aUidIsRoutedToTheGatewaysOfItsClientsAsTheyBindRebindUnbindAndLeave() {
        Client a = connect(0);
        Client b = connect(1);
        Client c = connect(1);
        String gateway0 = ClientId.parse(a.id()).gatewayAddress();
        String gateway1 = ClientId.parse(b.id()).gatewayAddress();
        api.bindUid(a.id(), "u");
        api.bindUid(b.id(), "u");
        api.bindUid(c.id(), "u");
        assertThat(owners("u")).containsExactlyInAnyOrder(gateway0, gateway1);
        api.bindUid(b.id(), "v");
        assertThat(owners("u")).as("gateway 1 still holds c").containsExactlyInAnyOrder(gateway0, gateway1);
        assertThat(owners("v")).containsExactly(gateway1);
        api.unbindUid(c.id(), "u");
        assertThat(owners("u")).containsExactly(gateway0);
        assertThat(owners("u", "v")).containsExactlyInAnyOrder(gateway0, gateway1);
        b.text().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> owners("v").isEmpty());
        api.unbindUid(a.id(), "u");
        assertThat(owners("u")).isEmpty();
        assertThat(broker.stats().routingFallbacks()).isZero();
    }

    /** The gateways {@link #broker} sends a push to {@code uids} to, out of every gateway of the test. */
    private Collection<String> owners(String... uids) {
        List<String> all = gateways().stream().flatMap(gateway -> gateway.addresses().stream()).toList();
        return broker.uidOwners(List.of(uids), all);
    }

    private long gatewayQueries() {
        return gateways().stream().mapToLong(gateway -> gateway.listener("text").stats().queries()).sum();
    }
}
