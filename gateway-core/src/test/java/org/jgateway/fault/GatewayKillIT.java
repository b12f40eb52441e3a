package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of one of two gateways under steady load: its clients are disconnected and can reconnect to the
 * other gateway; workers drop it and reconnect when it returns on the same ports; the other gateway's clients see
 * nothing.
 */
class GatewayKillIT extends FaultTestSupport {

    private static final int CLIENTS = 10;
    private static final int RATE = 20;

    @Test
    void onlyTheDeadGatewaysClientsAreAffected() {
        Node register = nodes.register("register", 0);
        Node g1 = nodes.gateway("g1", List.of(register));
        Node g2 = nodes.gateway("g2", List.of(register));
        Node a = nodes.worker("A", List.of(register));
        Node b = nodes.worker("B", List.of(register));
        Nodes.awaitMesh(List.of(g1, g2), List.of(a, b));

        List<SeqClient> onG1 = fleet.connect("g1c", CLIENTS, g1.port("textPort"));
        List<SeqClient> onG2 = fleet.connect("g2c", CLIENTS, g2.port("textPort"));
        try (Traffic t1 = Traffic.start(onG1, RATE); Traffic t2 = Traffic.start(onG2, RATE)) {
            awaitGrowth(t2::sent, CLIENTS * RATE, PATIENCE);

            int textPort = g1.port("textPort");
            int innerPort = g1.port("innerPort");
            g1.kill9();
            long killedAt = System.nanoTime();
            await().atMost(PATIENCE).until(() -> onG1.stream().noneMatch(SeqClient::isActive));
            t1.stop();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                    ((List<?>) a.stats().get("connectedGateways")).size() == 1
                            && ((List<?>) b.stats().get("connectedGateways")).size() == 1);

            // The dropped clients come back on the surviving gateway.
            List<SeqClient> moved = fleet.connect("moved", CLIENTS, g2.port("textPort"));
            moved.forEach(SeqClient::sendNext);
            await().atMost(PATIENCE).until(() -> moved.stream().allMatch(SeqClient::caughtUp));

            Node g1Again = nodes.gateway("g1-again", List.of(register), "--text-port", String.valueOf(textPort),
                    "--inner-port", String.valueOf(innerPort));
            Nodes.awaitMesh(List.of(g1Again, g2), List.of(a, b));
            long backMillis = (System.nanoTime() - killedAt) / 1_000_000;
            List<SeqClient> returned = fleet.connect("back", CLIENTS, textPort);
            returned.forEach(SeqClient::sendNext);
            await().atMost(PATIENCE).until(() -> returned.stream().allMatch(SeqClient::caughtUp));

            awaitGrowth(t2::sent, CLIENTS * RATE / 2, PATIENCE);
            Traffic.Report other = t2.settle(PATIENCE);
            Traffic.Report dead = t1.report();
            figures("killed gateway: " + dead.disconnected + "/" + dead.clients + " clients disconnected, "
                    + dead.lost + " of their messages unanswered; other gateway: " + other
                    + "; killed gateway back and meshed with both workers " + backMillis + " ms after the kill");

            assertThat(dead.disconnected).isEqualTo(CLIENTS);
            assertThat(other.disconnected).isZero();
            assertThat(other.lost).isZero();
            assertThat(other.outOfOrder).isZero();
            assertNoLeaks(List.of(g2, a, b, g1Again));
        }
    }
}
