package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The only worker stops on SIGTERM and a new one starts within the gateway's hold time: GatewayWorker destroys
 * every client that sends something in that gap; here their events are held and delivered to the new worker.
 */
class OnlyWorkerRestartIT extends FaultTestSupport {

    private static final int CLIENTS = 20;
    private static final int RATE = 20;
    /** Longer than a JVM start on a loaded machine: the gap between the workers must fit in it. */
    private static final Duration HOLD = Duration.ofMinutes(2);

    @Test
    void eventsAreHeldUntilTheNextWorkerArrives() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register), "--hold-ms", String.valueOf(HOLD.toMillis()));
        Node w1 = nodes.worker("W1", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(w1));

        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);

            long gapStart = System.nanoTime();
            w1.terminate();
            Node w2 = nodes.worker("W2", List.of(register));
            Nodes.awaitMesh(List.of(gateway), List.of(w2));
            long gapMillis = (System.nanoTime() - gapStart) / 1_000_000;
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);

            Traffic.Report report = traffic.settle(PATIENCE);
            Map<String, Object> gw = gateway.stats();
            figures(report + "; no worker for ~" + gapMillis + " ms (stop + JVM start); gateway "
                    + RollingRestartIT.dropCounters(gw));

            assertThat(report.disconnected).isZero();
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertThat(report.byWorker).containsKeys("W1", "W2");
            assertThat(w1.logContains("Business worker 'W1' stopped")).isTrue();
            assertThat(w1.logContains("still pending after the stop timeout")).isFalse();
            assertThat(((Number) gw.get("eventsHeld")).longValue()).isPositive();
            assertThat(gw.get("eventsDroppedNoWorker")).isEqualTo(0);
            assertThat(gw.get("clientsClosedNoWorker")).isEqualTo(0);
            assertNoLeaks(List.of(gateway, w2));
        }
    }
}
