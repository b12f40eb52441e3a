package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.test.TextClient;
import org.jgateway.worker.WorkerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handlers that run on the event loop that delivered their event ({@link WorkerOptions#runOnEventLoop()}). */
class EventLoopHandlersIntegrationTest {

    @ParameterizedTest(name = "in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void handlersRunOnAnEventLoopAndKeepEachClientsOrder(boolean inJvm) {
        try (TestCluster cluster = new TestCluster("", inJvm)) {
            cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("w");
            events.onMessage = (ctx, text) -> ctx.api().sendToCurrentClient(
                    text + (ThreadExecutorMap.currentExecutor() != null ? " on a loop" : " on " + Thread.currentThread().getName()));
            cluster.addWorker(events, b -> b.runOnEventLoop(true));
            cluster.awaitMesh();
            try (TextClient client = cluster.text()) {
                client.send("1\n2\n3\n4\n5");
                List<String> replies = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    replies.add(client.read());
                }
                assertThat(replies).containsExactly("1 on a loop", "2 on a loop", "3 on a loop", "4 on a loop",
                        "5 on a loop");
            }
        }
    }

    @Test
    void queriesAnsweredInThisJvmWorkButABlockingQueryToARemoteGatewayFailsInsteadOfStallingTheLoop() {
        try (TestCluster cluster = new TestCluster("", false)) {
            cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("w");
            events.onMessage = (ctx, text) -> {
                String answer;
                try {
                    answer = "count " + ctx.api().getAllClientIdCount();
                } catch (IllegalStateException e) {
                    answer = e.getMessage().startsWith("A blocking Gateway API query on event loop thread")
                            ? "refused" : "wrong message: " + e.getMessage();
                }
                // The async API works from the loop: its reply arrives later, on a loop, and is sent from there.
                String id = ctx.clientId();
                ctx.api().async().getAllClientIdCount().thenAccept(n -> ctx.api().sendToClient(id, "async " + n));
                ctx.api().sendToCurrentClient(answer);
            };
            cluster.addWorker(events, b -> b.runOnEventLoop(true));
            cluster.awaitMesh();
            try (TextClient client = cluster.text()) {
                client.send("how many?");
                assertThat(client.read()).isEqualTo("refused");
                assertThat(client.read()).isEqualTo("async 1");
            }
        }
    }

    @Test
    void aBlockingQueryAnsweredByAGatewayOfThisJvmWorksOnTheLoop() {
        try (TestCluster cluster = new TestCluster("", true)) {
            cluster.addGateway("127.0.0.1", b -> { });
            RecordingEvents events = new RecordingEvents("w");
            events.onMessage = (ctx, text) -> ctx.api().sendToCurrentClient("count " + ctx.api().getAllClientIdCount());
            cluster.addWorker(events, b -> b.runOnEventLoop(true));
            cluster.awaitMesh();
            try (TextClient client = cluster.text()) {
                client.send("how many?");
                assertThat(client.read()).isEqualTo("count 1");
            }
        }
    }

    @Test
    void runningOnTheEventLoopExcludesAnExecutorAndVirtualThreads() {
        assertThatThrownBy(() -> WorkerOptions.builder().runOnEventLoop(true).executor(Runnable::run).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom executor");
        assertThatThrownBy(() -> WorkerOptions.builder().runOnEventLoop(true).virtualThreads(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("virtual threads");
    }
}
