package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The register is only for discovery. While it is down, traffic between the clients, gateways and workers already
 * connected goes on; processes started during the outage find each other once it is back; with two registers, one
 * being down changes nothing.
 */
class RegisterOutageIT extends FaultTestSupport {

    private static final int CLIENTS = 10;
    private static final int RATE = 20;

    @Test
    void trafficGoesOnAndNewcomersMeetOnceTheRegisterIsBack() {
        Node register = nodes.register("register", 0);
        int registerPort = register.port("port");
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node w1 = nodes.worker("W1", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(w1));

        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);
            register.kill9();
            // Newcomers during the outage: nobody to introduce them.
            Node w2 = nodes.worker("W2", List.of(register));
            Node g2 = nodes.gateway("g2", List.of(register));
            awaitGrowth(traffic::sent, CLIENTS * RATE, PATIENCE);
            assertThat((List<?>) w2.stats().get("connectedGateways")).isEmpty();
            assertThat(g2.stat("workers")).isZero();

            long back = System.nanoTime();
            Node registerAgain = nodes.register("register-again", registerPort);
            Nodes.awaitMesh(List.of(gateway, g2), List.of(w1, w2));
            long meshMillis = (System.nanoTime() - back) / 1_000_000;
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);

            Traffic.Report report = traffic.settle(PATIENCE);
            figures(report + "; newcomers meshed " + meshMillis + " ms after the register came back");
            assertThat(report.disconnected).isZero();
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertNoLeaks(List.of(registerAgain, gateway, g2, w1, w2));
        }
    }

    @Test
    void withTwoRegistersOneDownChangesNothing() {
        Node r1 = nodes.register("r1", 0);
        Node r2 = nodes.register("r2", 0);
        List<Node> registers = List.of(r1, r2);
        Node gateway = nodes.gateway("gateway", registers);
        Node w1 = nodes.worker("W1", registers);
        Nodes.awaitMesh(List.of(gateway), List.of(w1));

        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);
            r1.kill9();
            long down = System.nanoTime();
            Node w2 = nodes.worker("W2", registers);
            Node g2 = nodes.gateway("g2", registers);
            Nodes.awaitMesh(List.of(gateway, g2), List.of(w1, w2));
            long meshMillis = (System.nanoTime() - down) / 1_000_000;
            awaitGrowth(traffic::sent, CLIENTS * RATE / 2, PATIENCE);

            Traffic.Report report = traffic.settle(PATIENCE);
            figures(report + "; with r1 down, a new worker and a new gateway meshed through r2 " + meshMillis
                    + " ms after the kill (including two JVM starts)");
            assertThat(report.disconnected).isZero();
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertNoLeaks(List.of(r2, gateway, g2, w1, w2));
        }
    }
}
