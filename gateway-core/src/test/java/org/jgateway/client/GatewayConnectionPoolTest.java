package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jgateway.client.FrameAssertions.assertCommand;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool against a fake gateway: authentication, pipelining, timeouts, reconnects, ordering. */
class GatewayConnectionPoolTest {

    private static final Duration LONG = Duration.ofSeconds(5);
    private static EventLoopResources loops;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        loops = EventLoopResources.create(1, "pool-test");
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /** A gateway echoing each query's ext as the reply payload; ext "mute" stalls the connection. */
    private FakeGateway gateway() {
        FakeGateway gateway = new FakeGateway(frame -> "mute".equals(frame.extAsString()) ? null : frame.ext());
        closeables.add(gateway);
        return gateway;
    }

    private GatewayConnectionPool pool(FakeGateway gateway, GatewayConnectionPoolOptions options) {
        GatewayConnectionPool pool = new GatewayConnectionPool(GatewayAddressSource.fixed(gateway.address()), options, loops);
        closeables.add(pool);
        return pool;
    }

    private GatewayConnectionPool pool(FakeGateway gateway) {
        return pool(gateway, GatewayConnectionPoolOptions.defaults());
    }

    private static GatewayFrame query(String ext) {
        return QueryFrames.withExt(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, ext);
    }

    private static GatewayFrame command(String body) {
        return GatewayFrame.scalarCommand(GatewayCommand.SEND_TO_ALL, 0, new byte[0], body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(CompletableFuture<byte[]> reply) {
        return new String(reply.orTimeout(5, TimeUnit.SECONDS).join(), StandardCharsets.UTF_8);
    }

    @Test
    void everyConnectionAuthenticatesFirstWhenASecretIsSet() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway, GatewayConnectionPoolOptions.builder()
                .cluster(ClusterConnectionOptions.builder().secretKey("s3\"cret").build()).build());

        assertThat(pool.send(gateway.address(), command("hello"))).isTrue();
        assertThat(text(pool.query(gateway.address(), query("q"), LONG))).isEqualTo("q");

        await().until(() -> gateway.received().size() == 4);
        assertThat(gateway.acceptedConnections()).isEqualTo(2);
        for (int connection = 0; connection < 2; connection++) {
            List<GatewayFrame> frames = gateway.framesOn(connection);
            assertThat(frames).hasSize(2);
            FrameAssertions.assertHeader(frames.get(0), GatewayCommand.GATEWAY_CLIENT_CONNECT, 0, 1);
            assertThat(frames.get(0).ext()).isEmpty();
            assertThat(FrameAssertions.json(frames.get(0).body()))
                    .isEqualTo(FrameAssertions.json("{\"secret_key\":\"s3\\\"cret\"}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void noAuthenticationFrameWithoutASecret() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        pool.send(gateway.address(), command("hello"));
        assertThat(text(pool.query(gateway.address(), query("q"), LONG))).isEqualTo("q");
        await().until(() -> gateway.received().size() == 2);
        assertThat(gateway.received()).extracting(r -> r.frame().cmd())
                .containsExactlyInAnyOrder(GatewayCommand.SEND_TO_ALL, GatewayCommand.GET_CLIENT_COUNT_BY_GROUP);
    }

    @Test
    void pipelinedQueriesGetTheirOwnRepliesOnOneConnection() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(pool.query(gateway.address(), query("q" + i), LONG));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(text(replies.get(i))).isEqualTo("q" + i);
        }
        assertThat(gateway.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void aTimeoutResetsTheConnectionFailsThePendingQueriesAndTheNextQueryReconnects() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        assertThat(text(pool.query(gateway.address(), query("first"), LONG))).isEqualTo("first");

        CompletableFuture<byte[]> muted = pool.query(gateway.address(), query("mute"), Duration.ofMillis(150));
        CompletableFuture<byte[]> behind = pool.query(gateway.address(), query("behind"), LONG);

        assertThat(muted).failsWithin(LONG).withThrowableThat().havingRootCause()
                .isInstanceOf(TimeoutException.class).withMessageContaining("within 150 ms");
        assertThat(behind).failsWithin(LONG).withThrowableThat().havingRootCause()
                .isInstanceOf(GatewayException.class).withMessageContaining("reset after an earlier query timed out");
        await().until(() -> gateway.openConnections() == 0);

        assertThat(text(pool.query(gateway.address(), query("again"), LONG))).isEqualTo("again");
        assertThat(gateway.acceptedConnections()).isEqualTo(2);
    }

    @Test
    void queriesInFlightFailWhenTheGatewayClosesTheConnection() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        CompletableFuture<byte[]> muted = pool.query(gateway.address(), query("mute"), LONG);
        await().until(() -> gateway.received().size() == 1);
        gateway.dropConnections();
        assertThat(muted).failsWithin(LONG).withThrowableThat().havingRootCause()
                .isInstanceOf(GatewayException.class).withMessageContaining("closed");
    }

    @Test
    void reconnectsAfterTheGatewayClosedTheConnections() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        pool.send(gateway.address(), command("before"));
        assertThat(text(pool.query(gateway.address(), query("before"), LONG))).isEqualTo("before");
        await().until(() -> gateway.received().size() == 2);

        gateway.dropConnections();

        // The pool notices the close asynchronously and reconnects at once (a gateway that is gone is then known
        // unreachable); a command sent in between may be lost, as with any TCP peer.
        await().untilAsserted(() -> {
            pool.send(gateway.address(), command("after"));
            assertThat(gateway.received()).anySatisfy(r -> assertThat(r.connection()).isGreaterThanOrEqualTo(2));
        });
        assertThat(text(pool.query(gateway.address(), query("after"), LONG))).isEqualTo("after");
    }

    @Test
    void commandsArriveInTheOrderTheyWereSent() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway, GatewayConnectionPoolOptions.builder()
                .cluster(ClusterConnectionOptions.builder().secretKey("k").build()).build());
        for (int i = 0; i < 500; i++) {
            pool.send(gateway.address(), command("m" + i));
        }
        await().until(() -> gateway.received().size() == 501);
        List<GatewayFrame> frames = gateway.framesOn(0);
        assertThat(frames.get(0).cmd()).isEqualTo(GatewayCommand.GATEWAY_CLIENT_CONNECT);
        for (int i = 0; i < 500; i++) {
            assertCommand(frames.get(i + 1), GatewayCommand.SEND_TO_ALL, 0, 1, "", "m" + i);
        }
    }

    @Test
    void pendingQueriesPerConnectionAreCapped() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway, GatewayConnectionPoolOptions.builder().maxPendingQueries(2).build());
        pool.query(gateway.address(), query("mute"), LONG);
        pool.query(gateway.address(), query("x"), LONG);
        assertThat(pool.query(gateway.address(), query("y"), LONG)).failsWithin(LONG).withThrowableThat()
                .havingRootCause().withMessageContaining("2 queries already wait for gateway " + gateway.address());
    }

    @Test
    void anOversizedReplyFailsTheQueryAndResetsTheConnection() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway, GatewayConnectionPoolOptions.builder().maxReplyLength(8).build());
        assertThat(pool.query(gateway.address(), query("way too long a reply"), LONG)).failsWithin(LONG)
                .withThrowableThat().havingRootCause().withMessageContaining("bad reply");
        assertThat(text(pool.query(gateway.address(), query("short"), LONG))).isEqualTo("short");
    }

    @Test
    void anUnreachableGatewayFailsQueriesAndCountsDroppedCommands() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        GatewayConnectionPool pool = new GatewayConnectionPool(GatewayAddressSource.fixed(address),
                GatewayConnectionPoolOptions.defaults(), loops);
        closeables.add(pool);
        assertThat(pool.query(address, query("q"), LONG)).failsWithin(LONG).withThrowableThat().havingRootCause()
                .isInstanceOf(java.net.ConnectException.class);
        // The first command waits for a connection that then fails: dropped and counted.
        assertThat(pool.send(address, command("lost"))).isTrue();
        await().until(() -> pool.droppedCommands() == 1);
        // Once the gateway is known unreachable, commands fail at once: the caller learns it.
        assertThat(pool.send(address, command("refused"))).isFalse();
        assertThat(pool.droppedCommands()).isEqualTo(2);
    }

    @Test
    void closeFailsWaitingQueriesAndRefusesNewWork() {
        FakeGateway gateway = gateway();
        GatewayConnectionPool pool = pool(gateway);
        CompletableFuture<byte[]> muted = pool.query(gateway.address(), query("mute"), LONG);
        await().until(() -> gateway.received().size() == 1);
        pool.close();
        assertThat(muted).failsWithin(LONG).withThrowableThat().havingRootCause().withMessageContaining("closed");
        assertThat(pool.send(gateway.address(), command("x"))).isFalse();
        assertThat(pool.query(gateway.address(), query("x"), LONG)).isCompletedExceptionally();
        await().until(() -> gateway.openConnections() == 0);
    }

    @Test
    void addressesComeFromTheSource() {
        GatewayConnectionPool pool = new GatewayConnectionPool(GatewayAddressSource.fixed("10.0.0.1:2900", "10.0.0.2:2900"),
                GatewayConnectionPoolOptions.defaults(), loops);
        closeables.add(pool);
        assertThat(pool.gatewayAddresses()).containsExactly("10.0.0.1:2900", "10.0.0.2:2900");
        assertThat(pool.query("no-port", query("x"), LONG)).isCompletedExceptionally();
    }
}
