package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;

/**
 * {@code kill -9} of one of two workers under steady load, repeated: clients stay connected and move to the other
 * worker, and nothing is lost. The workers ask for at-least-once delivery (the default), so the gateway keeps every
 * event until its worker confirms it and sends what the dead worker never confirmed to the survivor, each client's
 * before its newer events. Events the dead worker had handled but not yet confirmed come back twice: duplicates are
 * allowed and counted, anything out of order is not.
 */
class WorkerKillIT extends FaultTestSupport {

    private static final int CLIENTS = 20;
    private static final int RATE = 20;

    @RepeatedTest(5)
    void clientsMoveToTheSurvivorAndNothingIsLost() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node a = nodes.worker("A", List.of(register));
        Node b = nodes.worker("B", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(a, b));

        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE, PATIENCE);

            a.kill9();
            awaitGrowth(traffic::sent, CLIENTS * RATE, PATIENCE);

            Traffic.Report report = traffic.settle(PATIENCE);
            Map<String, Object> gw = gateway.stats();
            long redelivered = ((Number) gw.get("eventsRedelivered")).longValue();
            figures(report + "; gateway redelivered " + redelivered + ", counted eventsLostWithWorker="
                    + gw.get("eventsLostWithWorker") + " eventsNotKept=" + gw.get("eventsNotKept")
                    + " eventsDroppedWorkerClosed=" + gw.get("eventsDroppedWorkerClosed") + ", workers left "
                    + gw.get("workers"));

            assertThat(report.disconnected).isZero();
            assertThat(report.lost).isZero();
            // Duplicates are redelivered events the dead worker had handled: never more than were redelivered.
            assertThat(report.outOfOrder - report.duplicates).isZero();
            assertThat(report.duplicates).isLessThanOrEqualTo(redelivered);
            assertThat(((Number) gw.get("eventsLostWithWorker")).longValue()).isZero();
            assertThat(((Number) gw.get("eventsNotKept")).longValue()).isZero();
            assertThat(gw.get("workers")).isEqualTo(1);
            // Every client is served by the survivor after the kill.
            for (SeqClient c : clients) {
                assertThat(c.isActive()).isTrue();
                assertThat(c.byWorker()).containsKey("B");
            }
            assertThat(gateway.logContains("business worker") && gateway.logContains("left")).isTrue();
            assertNoLeaks(List.of(gateway, b));
        }
    }
}
