package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.history.GatedHistoryStore;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.SecretKey;
import org.jgateway.protocol.php.PhpUnserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recovery whose history read has not completed, on the gateway's inner handler: inner connections are
 * {@link EmbeddedChannel}s sharing one query round, as the connections of the inner loop do; the store's reads wait
 * until the test opens their gate.
 */
class InnerFrameHandlerRecoveryTest {

    private static final HistoryStream ROOM = HistoryStream.group("h:x");

    private final MemoryHistoryStore memory = new MemoryHistoryStore(HistoryOptions.builder()
            .group(HistoryPolicy.of("h:*")).build());
    private final GatedHistoryStore store = new GatedHistoryStore(memory);
    private final GatewayStats stats = new GatewayStats();
    private final Gateway gw = new Gateway();
    private final GatewayCommandHandler handler = new GatewayCommandHandler(gw.registry, ByteBufAllocator.DEFAULT,
            stats, store);
    private final EmbeddedChannel innerLoop = new EmbeddedChannel();
    private final AfterNextIoRound queryRound = new AfterNextIoRound(innerLoop.eventLoop());
    private final WorkerDirectory workers = new WorkerDirectory("t", () -> forwarder().workerAvailable());
    private final EventForwarder forwarder = new EventForwarder("t", gw.registry,
            new Heartbeat(gw.registry, Duration.ZERO, 0, new byte[0], stats, ByteBufAllocator.DEFAULT), gw.text,
            workers,
            GatewayOptions.builder().listener(ListenerOptions.builder(ClientProtocol.TEXT).port(0).build()).build(), stats);
    private final List<EmbeddedChannel> connections = new ArrayList<>();
    private String epoch;

    private EventForwarder forwarder() {
        return forwarder;
    }

    @BeforeEach
    void keepTwoMessages() {
        epoch = memory.append(ROOM, p -> Gateway.bytes("m1"), (p, body) -> { }).epoch();
        memory.append(ROOM, p -> Gateway.bytes("m2"), (p, body) -> { });
    }

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel connection : connections) {
            connection.finishAndReleaseAll();
        }
        innerLoop.finishAndReleaseAll();
    }

    /** An API client's inner connection. */
    private EmbeddedChannel connection() {
        EmbeddedChannel connection = new EmbeddedChannel(new InnerFrameHandler(handler, workers, queryRound, stats,
                new SecretKey(""), forwarder, new UnconfirmedBudget(1)));
        connections.add(connection);
        return connection;
    }

    /** The inner loop polls its sockets once more: deferred queries run. */
    private void ioRound() {
        innerLoop.runPendingTasks();
        innerLoop.runPendingTasks();
    }

    private static GatewayFrame recover(int connectionId, long offset, String epoch) {
        return frame(GatewayCommand.RECOVER, connectionId,
                "{\"group\":\"h:x\",\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}");
    }

    private static GatewayFrame sendToOne(int connectionId, String body) {
        return GatewayFrame.scalarCommand(GatewayCommand.SEND_TO_ONE, connectionId, null, Gateway.bytes(body));
    }

    private static GatewayFrame frame(int cmd, int connectionId, String ext) {
        return GatewayFrame.scalarCommand(cmd, connectionId, Gateway.bytes(ext), null);
    }

    /** The replies written on {@code connection} since the last call, unserialized. */
    private static List<Object> replies(EmbeddedChannel connection) {
        connection.runPendingTasks();
        List<Object> replies = new ArrayList<>();
        ByteBuf reply;
        while ((reply = connection.readOutbound()) != null) {
            try {
                replies.add(PhpUnserializer.unserialize(ByteBufUtil.getBytes(reply, 4, reply.readableBytes() - 4)));
            } finally {
                reply.release();
            }
        }
        return replies;
    }

    @Test
    void whileTheHistoryIsReadOnlyTheFramesBehindTheRecoveryOnItsConnectionWaitThenRunInOrder() {
        ClientConnection back = gw.client(1);
        ClientConnection other = gw.client(2);
        EmbeddedChannel asking = connection();
        EmbeddedChannel elsewhere = connection();

        asking.writeInbound(recover(1, 1, epoch), sendToOne(1, "after"), frame(GatewayCommand.IS_ONLINE, 2, ""));
        ioRound();
        assertThat(store.waiting()).isEqualTo(1);

        // The loop serves the other connection meanwhile: its command at once, its query after a round.
        elsewhere.writeInbound(sendToOne(2, "served"), frame(GatewayCommand.IS_ONLINE, 1, ""));
        elsewhere.writeInbound(GatewayFrame.scalarCommand(GatewayCommand.SEND_TO_STREAM, 0,
                Gateway.bytes("{\"group\":\"h:x\",\"offset\":3,\"epoch\":\"" + epoch + "\"}"), Gateway.bytes("m3")));
        ioRound();
        assertThat(Gateway.sink(other).received()).containsExactly("served\n");
        assertThat(replies(elsewhere)).containsExactly(1L);
        // Behind the recovery on its own connection: no reply yet, the command not applied.
        assertThat(replies(asking)).isEmpty();
        assertThat(Gateway.sink(back).received()).isEmpty();

        store.release();
        assertThat(replies(asking)).containsExactly(
                Map.of("recovered", true, "offset", 3L, "epoch", epoch, "delivered", 2L), 1L);
        assertThat(Gateway.sink(back).received()).containsExactly("m2\n", "m3\n", "after\n");
        assertThat(handler.stats().recoveriesCompleted()).isEqualTo(1);

        // The connection is back to answering at once.
        asking.writeInbound(sendToOne(1, "next"), frame(GatewayCommand.IS_ONLINE, 1, ""));
        ioRound();
        assertThat(Gateway.sink(back).received()).endsWith("next\n");
        assertThat(replies(asking)).containsExactly(1L);
    }

    @Test
    void recoveriesBehindOneAnotherAreReadTogetherAnsweredInOrderAndTheFramesBehindWaitForAll() {
        ClientConnection first = gw.client(1);
        ClientConnection second = gw.client(2);
        EmbeddedChannel asking = connection();

        asking.writeInbound(recover(1, 1, epoch), recover(2, 0, epoch), sendToOne(2, "after"),
                frame(GatewayCommand.IS_ONLINE, 1, ""));
        ioRound();
        assertThat(store.waiting()).isEqualTo(2);

        // The second read ends first: its client gets its messages, its reply waits for the first one's.
        store.releaseNewest();
        assertThat(replies(asking)).isEmpty();
        assertThat(Gateway.sink(second).received()).containsExactly("m1\n", "m2\n");
        assertThat(Gateway.sink(first).received()).isEmpty();

        store.release();
        assertThat(replies(asking)).containsExactly(
                Map.of("recovered", true, "offset", 2L, "epoch", epoch, "delivered", 1L),
                Map.of("recovered", true, "offset", 2L, "epoch", epoch, "delivered", 2L), 1L);
        assertThat(Gateway.sink(first).received()).containsExactly("m2\n");
        assertThat(Gateway.sink(second).received()).containsExactly("m1\n", "m2\n", "after\n");
        assertThat(handler.stats().recoveriesCompleted()).isEqualTo(2);
    }

    @Test
    void aRecoveryBehindACommandThatWaitsForAnEarlierRecoveryStartsOnlyAfterThatCommand() {
        ClientConnection first = gw.client(1);
        ClientConnection second = gw.client(2);
        EmbeddedChannel asking = connection();

        asking.writeInbound(recover(1, 1, epoch), frame(GatewayCommand.LEAVE_GROUP, 2, "h:x"),
                recover(2, 0, epoch));
        ioRound();
        // The leave must take effect before the second recovery joins: that one waits too.
        assertThat(store.waiting()).isEqualTo(1);
        assertThat(Gateway.sink(second).received()).isEmpty();

        store.release();
        asking.runPendingTasks();
        assertThat(store.waiting()).isEqualTo(1);
        store.release();
        assertThat(replies(asking)).containsExactly(
                Map.of("recovered", true, "offset", 2L, "epoch", epoch, "delivered", 1L),
                Map.of("recovered", true, "offset", 2L, "epoch", epoch, "delivered", 2L));
        assertThat(Gateway.sink(first).received()).containsExactly("m2\n");
        assertThat(Gateway.sink(second).received()).containsExactly("m1\n", "m2\n");
        assertThat(gw.registry.isGroupMember("h:x", second)).isTrue();
    }

    @Test
    void aReadThatFailsAnswersAnIncompleteRecoveryAtTheClientsPositionAndIsCounted() {
        ClientConnection back = gw.client(1);
        EmbeddedChannel asking = connection();

        asking.writeInbound(recover(1, 1, epoch));
        ioRound();
        store.fail(new HistoryUnavailableException("Redis is away", null));
        assertThat(replies(asking)).containsExactly(
                Map.of("recovered", false, "offset", 1L, "epoch", epoch, "delivered", 0L));
        assertThat(Gateway.sink(back).received()).isEmpty();
        assertThat(handler.stats().recoveryReadFailures()).isEqualTo(1);
        assertThat(handler.stats().recoveriesIncomplete()).isEqualTo(1);
        assertThat(gw.registry.isGroupMember("h:x", back)).isTrue();
    }

    @Test
    void aReadThatFailsWithNoPositionToReportGetsTheRefusalAndTheFramesBehindStillRun() {
        ClientConnection back = gw.client(1);
        EmbeddedChannel asking = connection();

        asking.writeInbound(frame(GatewayCommand.RECOVER, 1, "{\"group\":\"h:x\"}"), sendToOne(1, "after"));
        ioRound();
        store.fail(new HistoryUnavailableException("Redis is away", null));
        assertThat(replies(asking)).containsExactly(Map.of());
        assertThat(Gateway.sink(back).received()).containsExactly("after\n");
        assertThat(stats.invalidCommands()).isEqualTo(1);
    }

    @Test
    void aConnectionThatClosesWhileItsRecoveryIsReadGetsNoReplyAndItsEarlierCommandsStillApply() {
        ClientConnection back = gw.client(1);
        EmbeddedChannel asking = connection();

        asking.writeInbound(recover(1, 1, epoch), sendToOne(1, "after"), frame(GatewayCommand.IS_ONLINE, 1, ""));
        ioRound();
        asking.close();
        store.release();
        assertThat(replies(asking)).isEmpty();
        assertThat(Gateway.sink(back).received()).containsExactly("m2\n", "after\n");
    }
}
