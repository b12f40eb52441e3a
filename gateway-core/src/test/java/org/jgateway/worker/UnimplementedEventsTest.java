package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jgateway.worker.RegisteredCluster.awaitConnected;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events whose callback the handler does not implement cost no hand-off to the handler threads, yet are still
 * received, counted as handled and kept in order with the client's other events.
 */
class UnimplementedEventsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    /** The handler threads: tasks handed off wait here until the test opens the gate. */
    private final GatedExecutor executor = new GatedExecutor(pool);
    private final RegisteredCluster cluster = new RegisteredCluster("unimplemented-events-test");

    @AfterEach
    void close() {
        cluster.close();
        pool.shutdownNow();
    }

    @Test
    void aHandlerOfMessagesOnlyHandsOffOnlyMessages() {
        WorkerEventHandler echo = (context, message) -> context.api().sendToCurrentClient(message);
        assertThat(echo.handles(ClientEvent.MESSAGE)).isTrue();
        assertThat(echo.handles(ClientEvent.CONNECT)).isFalse();
        assertThat(echo.handles(ClientEvent.CLOSE)).isFalse();
        try (GatewayServer gateway = gateway(); BusinessWorker worker = worker(echo)) {
            awaitConnected(gateway, worker);
            TextClient client = new TextClient("127.0.0.1", gateway.listener("text").port());
            // The connect is handled while the handler threads are held: it never reached them.
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().eventsHandled() == 1);
            assertThat(executor.held()).isZero();

            client.send("hello");
            await().atMost(Duration.ofSeconds(10)).until(() -> executor.held() == 1);
            assertThat(worker.stats().eventsHandled()).isEqualTo(1);
            executor.open();
            assertThat(client.read()).isEqualTo("hello");

            client.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().eventsHandled() == 3);
            assertThat(worker.stats().eventsReceived()).isEqualTo(3);
            assertThat(executor.handedOff()).isEqualTo(1);
        }
    }

    @Test
    void implementedCallbacksRunOnTheHandlerThreadsInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        WorkerEventHandler handler = new WorkerEventHandler() {
            @Override
            public void onConnect(EventContext context) {
                threads.add(Thread.currentThread());
                seen.add("connect");
            }

            @Override
            public void onMessage(EventContext context, byte[] message) {
                threads.add(Thread.currentThread());
                seen.add(new String(message, StandardCharsets.UTF_8));
                context.api().sendToCurrentClient(message);
            }

            @Override
            public void onClose(EventContext context) {
                threads.add(Thread.currentThread());
                seen.add("close");
            }
        };
        assertThat(handler.handles(ClientEvent.WEBSOCKET_CONNECT)).isFalse();
        try (GatewayServer gateway = gateway(); BusinessWorker worker = worker(handler)) {
            awaitConnected(gateway, worker);
            try (TextClient client = new TextClient("127.0.0.1", gateway.listener("text").port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> executor.held() == 1);
                assertThat(worker.stats().eventsHandled()).isZero();
                executor.open();
                assertThat(client.echo("one")).isEqualTo("one");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertThat(seen).containsExactly("connect", "one", "close");
            assertThat(threads).allMatch(thread -> thread.getName().startsWith("pool-"));
        }
    }

    @Test
    void aHandlerMayAnswerForItself() {
        WorkerEventHandler everything = new WorkerEventHandler() {
            @Override
            public boolean handles(ClientEvent event) {
                return true;
            }

            @Override
            public void onMessage(EventContext context, byte[] message) {
                context.api().sendToCurrentClient(message);
            }

            @Override
            public void onWebSocketConnect(EventContext context, Map<String, Object> data) {
            }
        };
        try (GatewayServer gateway = gateway(); BusinessWorker worker = worker(everything)) {
            awaitConnected(gateway, worker);
            try (TextClient client = new TextClient("127.0.0.1", gateway.listener("text").port())) {
                // onConnect is not overridden, yet the handler says it handles it: it waits for the handler threads.
                await().atMost(Duration.ofSeconds(10)).until(() -> executor.held() == 1);
                assertThat(worker.stats().eventsHandled()).isZero();
                executor.open();
                assertThat(client.echo("x")).isEqualTo("x");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().eventsHandled() == 3);
        }
    }

    private static final class GatedExecutor implements Executor {

        private final ExecutorService pool;
        private final List<Runnable> held = new ArrayList<>();
        private int handedOff;
        private boolean open;

        GatedExecutor(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public synchronized void execute(Runnable task) {
            handedOff++;
            if (open) {
                pool.execute(task);
            } else {
                held.add(task);
            }
        }

        synchronized void open() {
            open = true;
            held.forEach(pool::execute);
            held.clear();
        }

        synchronized int held() {
            return held.size();
        }

        synchronized int handedOff() {
            return handedOff;
        }
    }

    private GatewayServer gateway() {
        return cluster.gateway(new InJvmGateways());
    }

    private BusinessWorker worker(WorkerEventHandler handler) {
        return cluster.worker(handler, new InJvmGateways(), options -> options.executor(executor));
    }
}
