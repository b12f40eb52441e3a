package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One client's handler blocks (a slow database call): GatewayWorker's single-threaded worker process stalls for
 * everybody; here the other clients' events keep flowing on the other handler threads. The handler stays blocked
 * until the test releases it, so what "during the block" means does not depend on how fast the machine is.
 */
class BlockingHandlerIT extends FaultTestSupport {

    private static final int CLIENTS = 10;
    private static final int RATE = 20;
    /** Echoes each other client must get while the handler is blocked: a few seconds' worth of its traffic. */
    private static final int ECHOES_DURING_BLOCK = 3 * RATE;

    @Test
    void aBlockedHandlerHoldsUpOnlyItsOwnClient() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node worker = nodes.worker("W", List.of(register), "--concurrency", "4");
        Nodes.awaitMesh(List.of(gateway), List.of(worker));

        SeqClient blocked = fleet.connect("blocked", 1, gateway.port("textPort")).get(0);
        List<SeqClient> others = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(others, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);
            blocked.send("block:db");
            // The handler thread is now held.
            await().atMost(PATIENCE).until(() -> blocked.otherLines().contains("blocking:db|W"));
            long[] echoesAtBlock = others.stream().mapToLong(SeqClient::echoes).toArray();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (int i = 0; i < CLIENTS; i++) {
                    if (others.get(i).echoes() - echoesAtBlock[i] < ECHOES_DURING_BLOCK) {
                        return false;
                    }
                }
                return true;
            });
            // Every other client was served that long while the blocked one still waits for its answer.
            assertThat(blocked.otherLines()).containsExactly("blocking:db|W");
            long echoesDuring = others.stream().mapToLong(SeqClient::echoes).sum()
                    - Arrays.stream(echoesAtBlock).sum();

            others.get(0).send("release:db");
            await().atMost(PATIENCE).until(() -> blocked.otherLines().contains("block:db|W"));
            Traffic.Report report = traffic.settle(PATIENCE);
            figures("while one handler was blocked the other " + CLIENTS + " clients got " + echoesDuring
                    + " echoes (each at least " + ECHOES_DURING_BLOCK + "); others: " + report);

            assertThat(blocked.otherLines()).containsExactly("blocking:db|W", "block:db|W");
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertThat(report.disconnected).isZero();
        }
    }
}
