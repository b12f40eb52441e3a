package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayTransport;
import org.jgateway.client.TransportGatewayApi;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery merge under concurrency: a client reads a room up to a random point and disconnects; while several
 * publishers keep sending, it comes back and recovers from its last offset. Whatever the interleaving, it then holds
 * every offset after its position exactly once, in order, when recovery says it is complete; and when it says it is
 * not, it was sent nothing by the recovery and holds exactly the offsets after the position it was given. Commands reach the gateway either on the
 * sender's thread (a worker in the same JVM) or later, in order, from a queue (a TCP connection), while the recovery
 * query is answered at once: the in-flight messages are what the floor of the merge is for.
 */
class RecoveryMergePropertyTest {

    private static final String GATEWAY = "127.0.0.1:2900";
    private static final HistoryStream ROOM = HistoryStream.group("h:room");

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void withCommandsAppliedOnTheSendersThread() {
        check(false);
    }

    @Test
    void withCommandsAppliedLaterInOrderWhileRecoveryIsAnsweredAtOnce() {
        check(true);
    }

    private void check(boolean queued) {
        qt().withExamples(100).withShrinkCycles(20)
                .forAll(integers().between(1, 3), integers().between(1, 40), integers().between(0, 100),
                        integers().between(2, 80))
                .checkAssert((publishers, perPublisher, disconnectPercent, historySize) ->
                        run(publishers, perPublisher, disconnectPercent, historySize, queued));
    }

    private void run(int publishers, int perPublisher, int disconnectPercent, int historySize, boolean queued) {
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("h:*", historySize, Duration.ofMinutes(10))).build());
        Gateway gw = new Gateway();
        GatewayCommandHandler handler = new GatewayCommandHandler(gw.registry, ByteBufAllocator.DEFAULT, store);
        SimulatedTransport transport = new SimulatedTransport(handler, queued);
        GatewayApi api = new TransportGatewayApi(transport, GatewayApiOptions.builder().history(store).build());
        try {
            int total = publishers * perPublisher;
            int seen = total * disconnectPercent / 100;
            ClientConnection first = gw.client(1);
            api.joinGroup(id(1), ROOM.id());
            StreamPosition since = store.position(ROOM);
            for (int i = 0; i < seen; i++) {
                since = api.sendToGroup(ROOM.id(), p -> Long.toString(p.offset()));
            }
            transport.drained();
            assertThat(offsets(first)).containsExactlyElementsOf(range(1, seen));
            first.sink().destroy();
            gw.registry.remove(first);

            ClientConnection back = gw.client(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            int remaining = total - seen;
            for (int p = 0; p < publishers; p++) {
                int share = remaining / publishers + (p < remaining % publishers ? 1 : 0);
                sending.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        api.sendToGroup(ROOM.id(), pos -> Long.toString(pos.offset()));
                    }
                    return null;
                }));
            }
            go.countDown();
            Recovery recovery = api.recover(id(2), ROOM, since);
            for (Future<?> f : sending) {
                f.get(30, TimeUnit.SECONDS);
            }
            transport.drained();

            List<Long> received = offsets(back);
            if (recovery.recovered()) {
                assertThat(received).as("complete recovery from %s", since)
                        .containsExactlyElementsOf(range(since.offset() + 1, total));
            } else {
                assertThat(historySize).as("a history holding every message cannot be incomplete")
                        .isLessThan(total);
                assertThat(recovery.delivered()).isZero();
                assertThat(recovery.position().offset()).isGreaterThan(since.offset());
                assertThat(received).as("incomplete recovery to %s", recovery.position())
                        .containsExactlyElementsOf(range(recovery.position().offset() + 1, total));
            }
            assertThat(recovery.position().epoch()).isEqualTo(since.epoch());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            transport.close();
        }
    }

    private static String id(int connectionId) {
        return ClientId.format(0x7f000001, 2900, connectionId);
    }

    private static List<Long> offsets(ClientConnection client) {
        return Gateway.sink(client).received().stream().map(line -> Long.parseLong(line.strip())).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** One gateway: commands applied on the caller's thread, or in order by a thread of their own. */
    private static final class SimulatedTransport implements GatewayTransport {

        private final GatewayCommandHandler handler;
        private final LinkedBlockingQueue<GatewayFrame> queue;
        private final Thread reader;
        private volatile long sent;
        private volatile long applied;

        SimulatedTransport(GatewayCommandHandler handler, boolean queued) {
            this.handler = handler;
            this.queue = queued ? new LinkedBlockingQueue<>() : null;
            this.reader = queued ? new Thread(this::read, "gateway-inner") : null;
            if (reader != null) {
                reader.setDaemon(true);
                reader.start();
            }
        }

        private void read() {
            try {
                while (true) {
                    handler.execute(queue.take());
                    applied++;
                }
            } catch (InterruptedException e) {
                // closed
            }
        }

        /** Waits until every queued command was applied. */
        void drained() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (queue != null && applied < sent) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("commands not applied: " + (sent - applied));
                }
                Thread.onSpinWait();
            }
        }

        void close() {
            if (reader != null) {
                reader.interrupt();
            }
        }

        @Override
        public Collection<String> gatewayAddresses() {
            return List.of(GATEWAY);
        }

        @Override
        public synchronized boolean send(String gatewayAddress, GatewayFrame command) {
            if (queue == null) {
                handler.execute(command);
            } else {
                sent++;
                queue.add(command);
            }
            return true;
        }

        @Override
        public CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout) {
            return CompletableFuture.completedFuture(handler.query(query));
        }
    }
}
