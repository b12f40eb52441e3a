package org.jgateway.redis.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayClient;
import org.jgateway.client.GatewayException;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.test.RedisProcess;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History end to end on Redis: a gateway and a sender ({@link GatewayClient}) that share nothing but Redis, each with
 * its own store and connection, as in two processes; real text clients on loopback.
 */
class RedisHistoryRecoveryTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final HistoryStream ROOM = HistoryStream.group("h:room");
    private static final HistoryOptions HISTORY = HistoryOptions.builder()
            .group(new HistoryPolicy("h:*", 5, HistoryPolicy.DEFAULT_TTL)).build();
    /** Long enough for a paused Redis to be resumed before the gateway's read gives up, shorter than a query. */
    private static final Duration GATEWAY_COMMAND_TIMEOUT = Duration.ofSeconds(4);

    /** Closed in this order: the cluster first, then the Redis clients. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<RedisConnections> redisClients = new ArrayList<>();
    private final List<TextClient> clients = new ArrayList<>();
    private GatewayServer gateway;
    private RedisHistoryStore senderStore;
    private GatewayClient api;

    @BeforeEach
    void start() {
        redis.flushAll();
        EventLoopResources loops = EventLoopResources.create(2, "history");
        RegisterServer register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(),
                loops.borrowed());
        register.start();
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + register.port()).reconnectDelay(Duration.ofMillis(100)).build();
        InJvmGateways inJvm = new InJvmGateways();
        gateway = new GatewayServer(GatewayOptions.builder().name("gw").lanIp("127.0.0.1").startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").host("127.0.0.1").port(0).build(), 0)
                .cluster(cluster).history(store(GATEWAY_COMMAND_TIMEOUT)).build(), loops.borrowed(), inJvm);
        gateway.start();
        BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("W").cluster(cluster).build(),
                new TellClientId(), loops.borrowed(), inJvm);
        worker.start();
        senderStore = store(Duration.ofSeconds(1));
        api = GatewayClient.builder().cluster(cluster).api(GatewayApiOptions.builder().history(senderStore).build())
                .build();
        resources.addAll(List.of(api, worker, gateway, register, loops));
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.connectedGateways().containsAll(gateway.addresses())
                && api.pool().gatewayAddresses().containsAll(gateway.addresses()));
    }

    /** A store on a Redis client of its own. */
    private RedisHistoryStore store(Duration commandTimeout) {
        RedisConnections connections = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                commandTimeout);
        redisClients.add(connections);
        return new RedisHistoryStore(connections, new RedisKeys("recovery"), HISTORY);
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TextClient::close);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        redisClients.forEach(RedisConnections::close);
    }

    private TextClient connect() {
        TextClient client = new TextClient("127.0.0.1", gateway.listener("text").port());
        clients.add(client);
        return client;
    }

    private StreamPosition say(String text) {
        return api.sendToGroup(ROOM.id(), p -> p.offset() + "@" + p.epoch() + ":" + text);
    }

    @Test
    void aClientThatCameBackIsGivenWhatItMissedThenLiveMessages() {
        TextClient member = connect();
        api.joinGroup(member.read(), ROOM.id());
        StreamPosition first = say("a");
        assertThat(member.read()).isEqualTo("1@" + first.epoch() + ":a");
        member.close();
        say("b");
        say("c");

        TextClient back = connect();
        Recovery recovery = api.recover(back.read(), ROOM, first);
        assertThat(recovery).isEqualTo(new Recovery(true, new StreamPosition(3, first.epoch()), 2));
        say("d");
        assertThat(List.of(back.read(), back.read(), back.read())).containsExactly("2@" + first.epoch() + ":b",
                "3@" + first.epoch() + ":c", "4@" + first.epoch() + ":d");
    }

    @Test
    void whileRedisIsDownSendsFailAndRecoveryIsIncompleteWithNothingOldDelivered() {
        TextClient member = connect();
        String id = member.read();
        StreamPosition first = say("a");
        long failedBefore = api.pushesFailed();

        redis.stop();

        assertThatThrownBy(() -> say("lost")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("send to group:h:room: History of group:h:room unavailable (append)")
                .hasMessageContaining("the message was not sent");
        assertThat(api.pushesFailed()).isEqualTo(failedBefore + 1);
        assertThat(senderStore.stats().appendFailures()).isEqualTo(1);
        Recovery recovery = api.recover(id, ROOM, new StreamPosition(0, first.epoch()));
        assertThat(recovery).isEqualTo(new Recovery(false, new StreamPosition(0, first.epoch()), 0));
        assertThat(gateway.listener("text").commandStats().recoveryReadFailures()).isEqualTo(1);
        assertThat(member.silentFor(200)).isTrue();
    }

    @Test
    void aRecoveryWaitingForAHungRedisHoldsUpNoOtherClientAndCompletesWhenRedisAnswers() throws Exception {
        TextClient member = connect();
        String memberId = member.read();
        api.joinGroup(memberId, ROOM.id());
        StreamPosition first = say("a");
        say("b");
        assertThat(List.of(member.read(), member.read())).containsExactly("1@" + first.epoch() + ":a",
                "2@" + first.epoch() + ":b");
        TextClient back = connect();
        String backId = back.read();
        TextClient other = connect();
        String otherId = other.read();

        RedisProcess server = redis.nodes().get(0);
        server.pause();
        CompletableFuture<Recovery> recovery;
        try {
            recovery = api.async().recover(backId, ROOM, first);
            // The gateway's inner loop, where the recovery was asked, serves the other connections meanwhile.
            api.sendToClient(otherId, "ping");
            api.sendToClient(memberId, "pong");
            assertThat(other.read()).isEqualTo("ping");
            assertThat(member.read()).isEqualTo("pong");
            assertThat(recovery).isNotDone();
        } finally {
            server.resume();
        }
        assertThat(recovery.get(10, TimeUnit.SECONDS))
                .isEqualTo(new Recovery(true, new StreamPosition(2, first.epoch()), 1));
        assertThat(back.read()).isEqualTo("2@" + first.epoch() + ":b");
        assertThat(gateway.listener("text").commandStats().recoveryReadFailures()).isZero();
    }

    @Test
    void recoveriesAskedTogetherOnOneConnectionAreReadTogetherAndEachAnsweredWithItsOwnMessages() throws Exception {
        StreamPosition first = say("a");
        say("b");
        say("c");
        List<TextClient> back = new ArrayList<>();
        List<CompletableFuture<Recovery>> recoveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            back.add(connect());
        }
        // Alternately from the first and from the second message: replies that came back out of order would show.
        for (int i = 0; i < back.size(); i++) {
            StreamPosition since = new StreamPosition(1 + i % 2, first.epoch());
            recoveries.add(api.async().recover(back.get(i).read(), ROOM, since));
        }
        for (int i = 0; i < back.size(); i++) {
            int missed = 2 - i % 2;
            assertThat(recoveries.get(i).get(10, TimeUnit.SECONDS))
                    .isEqualTo(new Recovery(true, new StreamPosition(3, first.epoch()), missed));
            List<String> received = new ArrayList<>();
            for (int m = 0; m < missed; m++) {
                received.add(back.get(i).read());
            }
            assertThat(received).containsExactlyElementsOf(
                    List.of("2@" + first.epoch() + ":b", "3@" + first.epoch() + ":c").subList(2 - missed, 2));
        }
        assertThat(gateway.listener("text").commandStats().recoveriesCompleted()).isEqualTo(20);
    }

    private static final class TellClientId implements WorkerEventHandler {

        @Override
        public void onConnect(EventContext context) {
            context.api().sendToClient(context.clientId(), context.clientId());
        }

        @Override
        public void onMessage(EventContext context, byte[] message) {
        }
    }
}
