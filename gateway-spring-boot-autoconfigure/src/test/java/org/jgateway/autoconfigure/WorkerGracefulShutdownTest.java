package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.test.TextClient;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerStats;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing a worker application under traffic loses no event: its clients move to the other worker. */
class WorkerGracefulShutdownTest {

    private static final int ROUNDS = 120;

    @Test
    void closingOneOfTwoWorkersUnderTrafficEchoesEveryMessageOnceAndInOrder() {
        try (ConfigurableApplicationContext master = EchoApplication.start("gateway.machine-type=register,gateway")) {
            String register = "gateway.register-address=127.0.0.1:"
                    + EchoApplication.port(master, "local.gateway.register.port");
            ConfigurableApplicationContext one = EchoApplication.start("gateway.machine-type=worker", register,
                    "gateway.worker.name=One");
            BusinessWorker oneWorker = one.getBean(BusinessWorker.class);
            try (ConfigurableApplicationContext two = EchoApplication.start("gateway.machine-type=worker", register,
                    "gateway.worker.name=Two")) {
                ListenerStatus listener = master.getBean(GatewayServer.class).listener("text");
                await().until(() -> listener.workers().size() == 2);
                int port = EchoApplication.port(master, "local.gateway.listeners.text.port");
                List<TextClient> clients = new ArrayList<>();
                CompletableFuture<Void> closing = null;
                try {
                    // Least-connections binds two of the four clients to each worker.
                    for (int i = 0; i < 4; i++) {
                        clients.add(new TextClient("127.0.0.1", port));
                    }
                    for (int round = 0; round < ROUNDS; round++) {
                        if (round == ROUNDS / 4) {
                            closing = CompletableFuture.runAsync(one::close);
                        }
                        for (int i = 0; i < clients.size(); i++) {
                            clients.get(i).send("c" + i + "-" + round);
                        }
                        for (int i = 0; i < clients.size(); i++) {
                            assertThat(echo(clients.get(i), oneWorker)).isEqualTo("echo:c" + i + "-" + round);
                        }
                    }
                    closing.join();
                    assertThat(one.isActive()).isFalse();
                    // The worker that left did carry part of the stream.
                    assertThat(oneWorker.stats().eventsReceived()).isPositive();
                    assertThat(oneWorker.stats().commandsDropped()).isZero();
                    await().until(() -> listener.workers().size() == 1);
                    assertThat(listener.clients()).isEqualTo(4);
                    assertThat(listener.stats().eventsDroppedWorkerClosed()).isZero();
                } finally {
                    clients.forEach(TextClient::close);
                    one.close();
                }
            }
        }
    }

    /** The next echo; a missing one names what the leaving worker counted, to tell where it was lost. */
    private static String echo(TextClient client, BusinessWorker leaving) {
        try {
            return client.read();
        } catch (UncheckedIOException e) {
            WorkerStats stats = leaving.stats();
            throw new AssertionError("echo missing; leaving worker: received " + stats.eventsReceived() + ", handled "
                    + stats.eventsHandled() + ", replies dropped " + stats.commandsDropped() + ", abandoned "
                    + stats.eventsAbandonedAtStop(), e);
        }
    }
}
