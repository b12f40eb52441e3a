package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One client's handler blocks for seconds (a slow database call): GatewayWorker's single-threaded worker process
 * stalls for everybody; here the other clients' events keep flowing on the other handler threads.
 */
class BlockingHandlerTest extends FaultTestSupport {

    private static final int CLIENTS = 10;
    private static final int RATE = 20;
    private static final int BLOCK_MILLIS = 3000;

    @Test
    void aBlockedHandlerHoldsUpOnlyItsOwnClient() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node worker = nodes.worker("W", List.of(register), "--concurrency", "4");
        Nodes.awaitMesh(List.of(gateway), List.of(worker));

        SeqClient blocked = fleet.connect("blocked", 1, gateway.port("textPort")).get(0);
        List<SeqClient> others = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(others, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, Duration.ofSeconds(10));
            long echoesBefore = others.stream().mapToLong(SeqClient::echoes).sum();
            long start = System.nanoTime();
            blocked.send("block:" + BLOCK_MILLIS);
            await().atMost(Duration.ofSeconds(BLOCK_MILLIS / 1000 + 10)).until(() -> !blocked.otherLines().isEmpty());
            long blockedMillis = (System.nanoTime() - start) / 1_000_000;
            long echoesDuring = others.stream().mapToLong(SeqClient::echoes).sum() - echoesBefore;

            Traffic.Report report = traffic.settle(Duration.ofSeconds(15));
            figures("blocked client answered after " + blockedMillis + " ms; meanwhile the others got " + echoesDuring
                    + " echoes; others: " + report);

            assertThat(blocked.otherLines().peek()).isEqualTo("block:" + BLOCK_MILLIS + "|W");
            assertThat(blockedMillis).isGreaterThanOrEqualTo(BLOCK_MILLIS);
            // At RATE per second each, the others kept being served through the block (allowing for a busy box).
            assertThat(echoesDuring).isGreaterThan((long) CLIENTS * RATE * BLOCK_MILLIS / 1000 / 2);
            assertThat(report.maxLatencyMillis).isLessThan(BLOCK_MILLIS / 2);
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
        }
    }
}
