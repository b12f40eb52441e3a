package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery through the real forwarder and inner handler: workers are {@link EmbeddedChannel}s that
 * connect with {@code CMD_WORKER_CONNECT} and confirm watermarks with {@code WORKER_ACK}; a client's sink is a
 * {@link RecordingSink}, whose event loop the test runs. A message is written as its body, with {@code *} when it
 * carries the redelivery mark.
 */
class RedeliveryTest {

    private final GatewayStats stats = new GatewayStats();
    private final Gateway gateway = new Gateway();
    private UnconfirmedBudget budget = new UnconfirmedBudget(GatewayOptions.DEFAULT_UNCONFIRMED_EVENTS_BUFFER_SIZE);
    private final WorkerDirectory workers = new WorkerDirectory("t", () -> forwarder().workerAvailable());
    private final EventForwarder forwarder = new EventForwarder("t", gateway.registry,
            new Heartbeat(gateway.registry, Duration.ZERO, 0, new byte[0], stats, ByteBufAllocator.DEFAULT),
            gateway.text, workers,
            GatewayOptions.builder().listener(ListenerOptions.builder(ClientProtocol.TEXT).port(0).build()).build(), stats);
    private final List<WorkerChannel> channels = new ArrayList<>();

    private EventForwarder forwarder() {
        return forwarder;
    }

    @AfterEach
    void closeChannels() {
        for (WorkerChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theConfirmedPrefixIsDroppedAndTheRestGoesToTheSurvivorBeforeNewerEvents() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2", "m3");
        assertThat(messages(a)).containsExactly("m1", "m2", "m3");
        a.confirm(1);
        WorkerChannel b = worker("B", "at-least-once");

        // The socket is dead but the inner loop has not run channelInactive yet: the client's next event finds it
        // first and takes what A never confirmed, ahead of itself.
        a.dead = true;
        send(c, "m4");
        assertThat(messages(b)).containsExactly("m2*", "m3*", "m4");

        a.close();
        sink(c).runPendingTasks();
        assertThat(messages(b)).isEmpty();
        assertThat(stats.eventsRedelivered()).isEqualTo(2);
        assertThat(stats.eventsLostWithWorker()).isZero();
        assertThat(budget.usedBytes()).isEqualTo(frameBytes("m2", "m3", "m4"));
    }

    @Test
    void whenTheInnerLoopSeesTheCloseFirstEachClientResendsOnItsOwnLoop() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c1 = gateway.client(1);
        ClientConnection c2 = gateway.client(2);
        send(c1, "x1", "x2");
        send(c2, "y1");
        send(c1, "x3");
        a.confirm(2);
        WorkerChannel b = worker("B", "at-least-once");

        a.close();
        assertThat(messages(b)).isEmpty();
        sink(c2).runPendingTasks();
        sink(c1).runPendingTasks();
        send(c1, "x4");
        assertThat(messages(b)).containsExactly("y1*", "x3*", "x4");
        assertThat(stats.eventsRedelivered()).isEqualTo(2);
    }

    @Test
    void withNoSurvivorTheUnconfirmedEventsAreHeldAheadOfNewerOnes() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2");
        a.close();
        send(c, "m3");
        sink(c).runPendingTasks();
        assertThat(stats.eventsHeld()).isEqualTo(3);

        WorkerChannel b = worker("B", "at-least-once");
        sink(c).runPendingTasks();
        assertThat(messages(b)).containsExactly("m1*", "m2*", "m3");
    }

    @Test
    void aClientLeavingAWorkerWaitsUntilItConfirmedTheClientsEarlierEvents() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2");
        WorkerChannel b = worker("B", "at-least-once");
        a.leave();
        assertThat(frames(a)).containsExactly("m1", "m2", "LEAVING");

        // A still answers m1 and m2: m3 going to B now could be answered first.
        send(c, "m3", "m4");
        assertThat(messages(b)).isEmpty();
        a.confirm(1);
        sink(c).runPendingTasks();
        assertThat(messages(b)).isEmpty();
        a.confirm(2);
        sink(c).runPendingTasks();
        assertThat(messages(b)).containsExactly("m3", "m4");
        assertThat(messages(a)).isEmpty();
        assertThat(stats.eventsRedelivered()).isZero();
    }

    @Test
    void aLeavingWorkerThatDiesBeforeConfirmingHandsTheEventsBackAheadOfTheWaitingOnes() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2");
        WorkerChannel b = worker("B", "at-least-once");
        a.leave();
        send(c, "m3");
        a.confirm(1);
        a.close();
        sink(c).runPendingTasks();
        assertThat(messages(b)).containsExactly("m2*", "m3");
        assertThat(stats.eventsRedelivered()).isEqualTo(1);
        assertThat(stats.eventsDroppedWorkerClosed()).isZero();
    }

    @Test
    void aClientWhoseEventsTheLeavingWorkerConfirmedMovesAtOnce() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1");
        a.confirm(1);
        WorkerChannel b = worker("B", "at-least-once");
        a.leave();
        send(c, "m2");
        assertThat(messages(b)).containsExactly("m2");
        assertThat(stats.eventsHeld()).isZero();
    }

    @Test
    void aPhpWorkerGetsRedeliveredEventsUnmarked() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1");
        WorkerChannel php = worker("P", null);
        a.close();
        sink(c).runPendingTasks();
        assertThat(messages(php)).containsExactly("m1");
        assertThat(stats.eventsRedelivered()).isEqualTo(1);
    }

    @Test
    void anAtMostOnceWorkerIsOnlyCounted() {
        WorkerChannel a = worker("A", "at-most-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2", "m3");
        a.confirm(1);
        WorkerChannel b = worker("B", "at-least-once");
        a.close();
        sink(c).runPendingTasks();
        send(c, "m4");
        assertThat(messages(b)).containsExactly("m4");
        assertThat(stats.eventsLostWithWorker()).isEqualTo(2);
        assertThat(stats.eventsRedelivered()).isZero();
    }

    @Test
    void eventsBeyondTheBudgetAreSentAtMostOnceAndCounted() {
        budget = new UnconfirmedBudget(frameBytes("m1", "m2"));
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2", "m3");
        assertThat(stats.eventsNotKept()).isEqualTo(1);
        WorkerChannel b = worker("B", "at-least-once");
        a.close();
        sink(c).runPendingTasks();
        assertThat(messages(b)).containsExactly("m1*", "m2*");
        assertThat(stats.eventsLostWithWorker()).isEqualTo(1);
        // Kept again once confirmations freed the budget.
        b.confirm(2);
        send(c, "m4");
        assertThat(stats.eventsNotKept()).isEqualTo(1);
        assertThat(budget.usedBytes()).isEqualTo(frameBytes("m4"));
    }

    @Test
    void aConfirmationFreesExactlyItsPrefix() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1", "m2", "m3");
        a.confirm(2);
        assertThat(budget.usedBytes()).isEqualTo(frameBytes("m3"));
        a.confirm(1);
        assertThat(budget.usedBytes()).isEqualTo(frameBytes("m3"));
        a.confirm(3);
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aClientLearnsWhenItsWorkerHasHandledEverythingItSent() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c1 = gateway.client(1);
        ClientConnection c2 = gateway.client(2);
        send(c1, "x1");
        send(c2, "y1");
        send(c1, "x2");
        List<String> handled = new ArrayList<>();
        assertThat(forwarder.whenHandled(c1, () -> handled.add("c1"))).isTrue();
        assertThat(forwarder.whenHandled(c2, () -> handled.add("c2"))).isTrue();
        assertThat(handled).isEmpty();

        a.confirm(2);
        assertThat(handled).containsExactly("c2");
        a.confirm(3);
        assertThat(handled).containsExactly("c2", "c1");
        // Nothing left to wait for: at once.
        assertThat(forwarder.whenHandled(c2, () -> handled.add("c2 again"))).isTrue();
        assertThat(handled).containsExactly("c2", "c1", "c2 again");
    }

    @Test
    void aClientWhoseWorkerDiesBeforeHandlingItsEventsIsNeverToldTheyWereHandled() {
        WorkerChannel a = worker("A", "at-least-once");
        ClientConnection c = gateway.client(1);
        send(c, "m1");
        List<String> handled = new ArrayList<>();
        assertThat(forwarder.whenHandled(c, () -> handled.add("c"))).isTrue();
        WorkerChannel b = worker("B", "at-least-once");

        a.close();
        sink(c).runPendingTasks();
        assertThat(messages(b)).containsExactly("m1*");
        assertThat(handled).isEmpty();
    }

    @Test
    void whetherEventsWereHandledIsUnknownWhileTheyAreHeldOrWithAWorkerThatNeverConfirms() {
        ClientConnection held = gateway.client(1);
        send(held, "m1");
        assertThat(stats.eventsHeld()).isEqualTo(1);
        assertThat(forwarder.whenHandled(held, () -> {
            throw new AssertionError("held events are not handled");
        })).isFalse();

        WorkerChannel php = worker("P", null);
        sink(held).runPendingTasks();
        assertThat(messages(php)).containsExactly("m1");
        assertThat(forwarder.whenHandled(held, () -> {
            throw new AssertionError("a PHP worker never says");
        })).isFalse();
    }

    private void send(ClientConnection client, String... bodies) {
        for (String body : bodies) {
            forwarder.message(client, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private long frameBytes(String... bodies) {
        long bytes = 0;
        for (String body : bodies) {
            bytes += GatewayFrame.HEADER_LENGTH + body.length();
        }
        return bytes;
    }

    private static RecordingSink sink(ClientConnection client) {
        return Gateway.sink(client);
    }

    /** A worker connected to the inner handler, asking for {@code delivery} (null: a PHP worker, which never asks). */
    private WorkerChannel worker(String key, String delivery) {
        WorkerChannel channel = new WorkerChannel(new InnerFrameHandler(gateway.handler, workers,
                new AfterNextIoRound(new EmbeddedChannel().eventLoop()), stats, new SecretKey(""), forwarder, budget));
        channels.add(channel);
        String body = delivery == null ? "{\"worker_key\":\"" + key + "\",\"secret_key\":\"\"}"
                : "{\"worker_key\":\"" + key + "\",\"secret_key\":\"\",\"acks\":true,\"delivery\":\"" + delivery + "\"}";
        channel.writeInbound(GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null,
                body.getBytes(StandardCharsets.UTF_8)));
        channel.runPendingTasks();
        GatewayFrame answer = channel.readOutbound();
        if (delivery != null) {
            assertThat(answer.cmd()).isEqualTo(GatewayCommand.WORKER_ACK);
        } else {
            assertThat(answer).isNull();
        }
        return channel;
    }

    /** The client messages written to the worker since the last call. */
    private static List<String> messages(WorkerChannel channel) {
        channel.runPendingTasks();
        List<String> messages = new ArrayList<>();
        GatewayFrame frame;
        while ((frame = channel.readOutbound()) != null) {
            if (frame.cmd() == GatewayCommand.ON_MESSAGE) {
                messages.add(new String(frame.body(), StandardCharsets.UTF_8)
                        + (GatewayFlags.isRedelivery(frame.flag()) ? "*" : ""));
            }
        }
        return messages;
    }

    /** The frames written to the worker since the last call: client messages and our leave confirmation. */
    private static List<String> frames(WorkerChannel channel) {
        channel.runPendingTasks();
        List<String> frames = new ArrayList<>();
        GatewayFrame frame;
        while ((frame = channel.readOutbound()) != null) {
            if (frame.cmd() == GatewayCommand.ON_MESSAGE) {
                frames.add(new String(frame.body(), StandardCharsets.UTF_8));
            } else if (frame.cmd() == GatewayCommand.WORKER_LEAVING) {
                frames.add("LEAVING");
            }
        }
        return frames;
    }

    /** An inner connection with a real peer address, whose socket can be declared dead before it is closed. */
    private static final class WorkerChannel extends EmbeddedChannel {

        boolean dead;

        WorkerChannel(InnerFrameHandler handler) {
            super(handler);
        }

        void leave() {
            writeInbound(GatewayFrame.command(GatewayCommand.WORKER_LEAVING, 0, 0, null, null));
        }

        void confirm(int watermark) {
            writeInbound(GatewayFrame.command(GatewayCommand.WORKER_ACK, watermark, 0, null, null));
        }

        @Override
        public boolean isActive() {
            return !dead && super.isActive();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }
    }
}
