package org.jgateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

class RedisConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @Test
    void commandsAndPubSubReachTheServer() throws Exception {
        try (RedisConnections connections = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                TIMEOUT)) {
            assertThat(connections.isConnected()).isTrue();
            assertThat(connections.isCluster()).isFalse();
            assertThat(connections.description()).isEqualTo("127.0.0.1:" + redis.port());

            connections.commands().set("jgateway:k", "v").get(5, TimeUnit.SECONDS);
            assertThat(redis.command("GET", "jgateway:k")).isEqualTo("v");

            List<String> received = new CopyOnWriteArrayList<>();
            StatefulRedisPubSubConnection<String, String> pubSub = connections.openPubSub();
            try {
                pubSub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        received.add(channel + "=" + message);
                    }
                });
                pubSub.sync().subscribe("jgateway:c");
                redis.command("PUBLISH", "jgateway:c", "hello");
                await().atMost(TIMEOUT).until(() -> received.contains("jgateway:c=hello"));
            } finally {
                pubSub.close();
            }
        }
    }

    @Test
    void whileRedisIsAwayCommandsFailAtOnceAndTheConnectionComesBack() throws Exception {
        try (RedisConnections connections = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                TIMEOUT)) {
            redis.stop();
            await().atMost(TIMEOUT).until(() -> !connections.isConnected());
            assertThatThrownBy(() -> connections.commands().get("jgateway:k").get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("not connected");

            redis.start();
            await().atMost(Duration.ofSeconds(10)).until(connections::isConnected);
            connections.commands().set("jgateway:k", "back").get(5, TimeUnit.SECONDS);
            assertThat(redis.command("GET", "jgateway:k")).isEqualTo("back");
        }
    }

    /**
     * However long Redis was away, the connection is back within the capped back-off of its return: after a dozen
     * failed attempts Lettuce's default back-off would wait seconds (doubling up to 30 s), this one at most 1 s.
     */
    @Test
    void afterALongOutageTheConnectionIsBackWithinTheMaximumReconnectDelay() throws Exception {
        try (RedisConnections connections = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                TIMEOUT)) {
            List<ReconnectAttemptEvent> attempts = new CopyOnWriteArrayList<>();
            Disposable subscription = connections.events().get().ofType(ReconnectAttemptEvent.class)
                    .subscribe(attempts::add);
            try {
                redis.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() >= 12);
                redis.start();
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                        .until(connections::isConnected);
                Duration reconnected = Duration.ofNanos(System.nanoTime() - back);

                assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.getDelay())
                        .isLessThanOrEqualTo(RedisConnections.MAX_RECONNECT_DELAY));
                assertThat(attempts.get(attempts.size() - 1).getDelay())
                        .isEqualTo(RedisConnections.MAX_RECONNECT_DELAY);
                // The capped delay, plus the connect and handshake on a loaded machine.
                assertThat(reconnected).isLessThan(RedisConnections.MAX_RECONNECT_DELAY.plusSeconds(1));
            } finally {
                subscription.dispose();
            }
        }
    }

    @Test
    void anUnreachableRedisFailsAtConstructionNamingTheAddress() {
        RedisURI nowhere = RedisURI.builder().withHost("127.0.0.1").withPort(redis.port())
                .withTimeout(Duration.ofSeconds(2)).build();
        redis.stop();
        assertThatThrownBy(() -> RedisConnections.standalone(nowhere, TIMEOUT))
                .isInstanceOfSatisfying(RedisUnavailableException.class,
                        e -> assertThat(e.isAuthentication()).isFalse())
                .hasMessageStartingWith("Redis 127.0.0.1:" + redis.port() + " is unreachable: ");
    }

    @Nested
    class WithAclUser {

        @RegisterExtension
        static final RedisServerExtension secured = RedisServerExtension.standalone().withUser("gw", "s3cret");

        @Test
        void theRightUserGetsIn() throws Exception {
            RedisURI uri = RedisURI.builder().withHost(secured.host()).withPort(secured.port())
                    .withAuthentication("gw", "s3cret").build();
            try (RedisConnections connections = RedisConnections.standalone(uri, TIMEOUT)) {
                assertThat(connections.commands().set("k", "v").get(5, TimeUnit.SECONDS)).isEqualTo("OK");
            }
        }

        @Test
        void aWrongPasswordFailsAtConstructionWithRedisAnswerAndNoPassword() {
            RedisURI uri = RedisURI.builder().withHost(secured.host()).withPort(secured.port())
                    .withAuthentication("gw", "wrong-secret").build();
            assertThatThrownBy(() -> RedisConnections.standalone(uri, TIMEOUT))
                    .isInstanceOfSatisfying(RedisUnavailableException.class,
                            e -> assertThat(e.isAuthentication()).isTrue())
                    .hasMessage("Redis 127.0.0.1:" + secured.port() + " refused the login of user 'gw': "
                            + "WRONGPASS invalid username-password pair or user is disabled.")
                    .message().doesNotContain("wrong-secret");
        }

        @Test
        void noCredentialsAtAllIsAnAuthenticationFailureToo() {
            assertThatThrownBy(() -> RedisConnections.standalone(RedisURI.create(secured.host(), secured.port()),
                    TIMEOUT)).isInstanceOfSatisfying(RedisUnavailableException.class,
                            e -> assertThat(e.isAuthentication()).isTrue())
                    .hasMessageContaining("refused the login of the default user: NOAUTH");
        }
    }

    @Nested
    class OnACluster {

        @RegisterExtension
        static final RedisServerExtension cluster = RedisServerExtension.cluster();

        @Test
        void keysOfEverySlotAreWrittenThroughOneConnection() throws Exception {
            List<RedisURI> nodes = cluster.nodes().stream().map(n -> RedisURI.create(n.host(), n.port())).toList();
            try (RedisConnections connections = RedisConnections.cluster(nodes.subList(0, 1), TIMEOUT)) {
                assertThat(connections.isCluster()).isTrue();
                assertThat(connections.description()).isEqualTo("cluster " + nodes.get(0).getHost() + ":"
                        + nodes.get(0).getPort());
                for (int i = 0; i < 50; i++) {
                    connections.commands().set("jgateway:" + i, "v" + i).get(5, TimeUnit.SECONDS);
                }
                long total = cluster.nodes().stream().mapToLong(n -> (Long) n.command("DBSIZE")).sum();
                assertThat(total).isEqualTo(50);
                assertThat(cluster.nodes()).allSatisfy(n -> assertThat((Long) n.command("DBSIZE")).isPositive());
            }
        }
    }
}
