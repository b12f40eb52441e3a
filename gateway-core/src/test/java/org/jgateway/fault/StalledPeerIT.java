package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jgateway.register.ClusterConnectionOptions;
import org.junit.jupiter.api.Test;

/**
 * Peers stopped with SIGSTOP and resumed with SIGCONT, under steady load, at the default peer timeout. A stopped
 * process keeps its connections open and the kernel acknowledges what is sent to it, so only the links' keep-alives
 * tell: each test checks that the stall is detected within the bound, that the others carry on meanwhile, and that
 * the stopped process rejoins cleanly once resumed, without blaming its own stop on its peers.
 */
class StalledPeerIT extends FaultTestSupport {

    private static final int CLIENTS = 20;
    private static final int RATE = 20;
    /** The default timeout, plus what a loaded two-core box may add to a timer and a log line: 10 s. */
    private static final Duration BOUND = ClusterConnectionOptions.DEFAULT_PEER_TIMEOUT.plusSeconds(2);
    private static final String STALLED = "stalled (stopped, frozen or cut off)";
    private static final Duration STALL = Duration.ofSeconds(30);

    @Test
    void aWorkerStoppedFor30SecondsIsDroppedItsClientsMoveAndItRejoinsWhenResumed() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node a = nodes.worker("A", List.of(register));
        Node b = nodes.worker("B", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(a, b));

        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS * RATE, PATIENCE);
            assertThat(clients.stream().filter(c -> c.byWorker().containsKey("A")).count()).isPositive();

            a.stop();
            long stoppedAt = System.nanoTime();
            Duration detected = awaitLog(gateway, STALLED, stoppedAt);
            Map<String, Long> fromBAtDetection = echoesFrom(clients, "B");

            // Replies keep flowing, from B, for every client, A's former ones included.
            await().atMost(PATIENCE).until(() -> clients.stream()
                    .allMatch(c -> echoesFrom(c, "B") > fromBAtDetection.get(c.id())));
            assertThat(gateway.stat("workers")).isEqualTo(1);
            // The stall the issue asks for: 30 s, with every client still connected all along.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    clients.stream().allMatch(SeqClient::isActive) && System.nanoTime() - stoppedAt >= STALL.toNanos());
            long stoppedMillis = (System.nanoTime() - stoppedAt) / 1_000_000;

            a.resume();
            long resumedAt = System.nanoTime();
            Nodes.awaitMesh(List.of(gateway), List.of(a, b));
            long rejoinedMillis = (System.nanoTime() - resumedAt) / 1_000_000;
            // New clients go to the worker with the fewest (least-connections): A receives events again.
            List<SeqClient> newcomers = fleet.connect("n", 5, gateway.port("textPort"));
            newcomers.forEach(SeqClient::sendNext);
            await().atMost(PATIENCE).until(() -> newcomers.stream().allMatch(SeqClient::caughtUp));

            Traffic.Report report = traffic.settle(PATIENCE);
            Map<String, Object> gw = gateway.stats();
            Map<String, Object> statsA = a.stats();
            figures("worker A stopped " + stoppedMillis + " ms; detected after " + detected.toMillis() + " ms (bound "
                    + BOUND.toMillis() + " ms); rejoined " + rejoinedMillis + " ms after SIGCONT; " + report
                    + "; gateway workersStalled=" + gw.get("workersStalled") + " eventsRedelivered="
                    + gw.get("eventsRedelivered") + " eventsLostWithWorker=" + gw.get("eventsLostWithWorker")
                    + "; A gatewaysStalled=" + statsA.get("gatewaysStalled")
                    + " stalledRegisters=" + statsA.get("stalledRegisters"));

            assertThat(detected).isLessThanOrEqualTo(BOUND);
            assertThat(gateway.logCount(STALLED)).isEqualTo(1);
            assertThat(gw.get("workersStalled")).isEqualTo(1);
            assertThat(newcomers).allSatisfy(c -> assertThat(c.byWorker()).containsOnlyKeys("A"));
            // What A received and never confirmed before its link was closed went to B: nothing lost, in order;
            // duplicates (events A had handled but not yet confirmed) never more than were redelivered.
            assertNothingLost(report, gw);
            assertThat(((Number) gw.get("eventsRedelivered")).longValue()).isPositive();
            // A was the one stopped: its overdue checks on resuming do not blame the gateway or the register.
            assertThat(statsA.get("gatewaysStalled")).isEqualTo(0);
            assertThat(statsA.get("stalledRegisters")).isEqualTo(0);
            assertThat(a.logContains(STALLED)).isFalse();
            assertNoLeaks(List.of(gateway, a, b));
        }
    }

    @Test
    void aWorkerDropsAStoppedGatewayAndUsesItAgainOnceResumed() {
        Node register = nodes.register("register", 0);
        Node g1 = nodes.gateway("g1", List.of(register));
        Node g2 = nodes.gateway("g2", List.of(register));
        Node w = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(g1, g2), List.of(w));

        List<SeqClient> onG1 = fleet.connect("g1c", CLIENTS / 2, g1.port("textPort"));
        List<SeqClient> onG2 = fleet.connect("g2c", CLIENTS / 2, g2.port("textPort"));
        // g1's clients wait for each answer, as request-response clients do: one message each waits in g1 while it is
        // stopped. (A client that goes on sending piles its messages up in g1's socket; on resuming g1 reads them all
        // at once, before the worker's new connection is through, and holds at most max-held-events-per-client.)
        try (Traffic t1 = Traffic.startOneInFlight(onG1, RATE); Traffic t2 = Traffic.start(onG2, RATE)) {
            awaitGrowth(t2::sent, CLIENTS / 2 * RATE, PATIENCE);

            g1.stop();
            long stoppedAt = System.nanoTime();
            Duration detected = awaitLog(w, STALLED, stoppedAt);
            // The worker reconnects at once, but the kernel's accepting for a stopped process does not make it
            // connected: it uses that gateway only once it answers.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> w.stats().get("connectedGateways").equals(List.of(g2.readyValue("address"))));
            awaitGrowth(t2::sent, CLIENTS / 2 * RATE * 10L, PATIENCE);
            long stoppedMillis = (System.nanoTime() - stoppedAt) / 1_000_000;

            g1.resume();
            long resumedAt = System.nanoTime();
            Nodes.awaitMesh(List.of(g1, g2), List.of(w));
            List<SeqClient> newcomers = fleet.connect("n", 5, g1.port("textPort"));
            newcomers.forEach(SeqClient::sendNext);
            await().atMost(PATIENCE).until(() -> newcomers.stream().allMatch(SeqClient::caughtUp));
            long servedAgainMillis = (System.nanoTime() - resumedAt) / 1_000_000;

            Traffic.Report stopped = t1.settle(PATIENCE);
            Traffic.Report other = t2.settle(PATIENCE);
            Map<String, Object> statsW = w.stats();
            Map<String, Object> statsG1 = g1.stats();
            figures("gateway g1 stopped " + stoppedMillis + " ms; worker detected it after " + detected.toMillis()
                    + " ms (bound " + BOUND.toMillis() + " ms); g1 meshed again and serving new clients " + servedAgainMillis
                    + " ms after SIGCONT; g1: " + stopped + "; g2: " + other + "; worker gatewaysStalled="
                    + statsW.get("gatewaysStalled") + "; g1 workersStalled=" + statsG1.get("workersStalled")
                    + " eventsRedelivered=" + statsG1.get("eventsRedelivered") + " eventsLostWithWorker="
                    + statsG1.get("eventsLostWithWorker"));

            assertThat(detected).isLessThanOrEqualTo(BOUND);
            assertThat(statsW.get("gatewaysStalled")).isEqualTo(1);
            assertThat(w.logCount(STALLED)).isEqualTo(1);
            // The other gateway's clients saw nothing of it.
            assertNothingLost(other, g2.stats());
            // g1's clients kept their connections and are served again, in order. What they sent while g1 was
            // stopped, g1 read on resuming, maybe before the worker's close reached it: written to the closed link,
            // then redelivered on the new one.
            assertNothingLost(stopped, statsG1);
            // g1 was the one stopped: it blames neither the worker nor the register.
            assertThat(statsG1.get("workersStalled")).isEqualTo(0);
            assertThat(statsG1.get("stalledRegisters")).isEqualTo(0);
            assertNoLeaks(List.of(g1, g2, w));
        }
    }

    @Test
    void aStoppedRegisterIsDroppedTrafficGoesOnAndDiscoveryResumesWithIt() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register));
        Node w = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(w));

        List<SeqClient> clients = fleet.connect("c", CLIENTS / 2, gateway.port("textPort"));
        try (Traffic traffic = Traffic.start(clients, RATE)) {
            awaitGrowth(traffic::sent, CLIENTS / 2 * RATE, PATIENCE);

            register.stop();
            long stoppedAt = System.nanoTime();
            Duration byGateway = awaitLog(gateway, STALLED, stoppedAt);
            Duration byWorker = awaitLog(w, STALLED, stoppedAt);
            // A newcomer cannot find the gateway while the register is stopped.
            Node late = nodes.worker("L", List.of(register));
            awaitGrowth(traffic::sent, CLIENTS / 2 * RATE * 5L, PATIENCE);
            assertThat((List<?>) late.stats().get("connectedGateways")).isEmpty();
            assertThat(gateway.stat("workers")).isEqualTo(1);

            register.resume();
            long resumedAt = System.nanoTime();
            Nodes.awaitMesh(List.of(gateway), List.of(w, late));
            long meshedMillis = (System.nanoTime() - resumedAt) / 1_000_000;

            Traffic.Report report = traffic.settle(PATIENCE);
            Map<String, Object> gw = gateway.stats();
            Map<String, Object> statsW = w.stats();
            figures("register stopped; gateway detected it after " + byGateway.toMillis() + " ms, worker after "
                    + byWorker.toMillis() + " ms (bound " + BOUND.toMillis() + " ms); worker started meanwhile "
                    + "meshed " + meshedMillis + " ms after SIGCONT; " + report);

            assertThat(byGateway).isLessThanOrEqualTo(BOUND);
            assertThat(byWorker).isLessThanOrEqualTo(BOUND);
            assertThat(gw.get("stalledRegisters")).isEqualTo(1);
            assertThat(statsW.get("stalledRegisters")).isEqualTo(1);
            assertThat(report.disconnected).isZero();
            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertThat(gw.get("connectedRegisters")).isEqualTo(1);
            assertThat(statsW.get("connectedRegisters")).isEqualTo(1);
            assertNoLeaks(List.of(register, gateway, w, late));
        }
    }

    /**
     * At-least-once delivery: every message answered, none disconnected, none out of order but for duplicates (events
     * a worker had handled and not yet confirmed when its link was closed), never more of those than the gateway
     * redelivered, and nothing counted as lost.
     */
    private static void assertNothingLost(Traffic.Report report, Map<String, Object> gateway) {
        assertThat(report.disconnected).isZero();
        assertThat(report.lost).isZero();
        assertThat(report.outOfOrder - report.duplicates).isZero();
        assertThat(report.duplicates).isLessThanOrEqualTo(((Number) gateway.get("eventsRedelivered")).longValue());
        assertThat(((Number) gateway.get("eventsLostWithWorker")).longValue()).isZero();
        assertThat(((Number) gateway.get("eventsNotKept")).longValue()).isZero();
    }

    /** Waits for the first log line of {@code node} holding {@code text}; how long after {@code sinceNanos}. */
    private static Duration awaitLog(Node node, String text, long sinceNanos) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> node.logContains(text));
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    private static Map<String, Long> echoesFrom(List<SeqClient> clients, String worker) {
        Map<String, Long> echoes = new HashMap<>();
        clients.forEach(c -> echoes.put(c.id(), echoesFrom(c, worker)));
        return echoes;
    }

    private static long echoesFrom(SeqClient client, String worker) {
        LongAdder n = client.byWorker().get(worker);
        return n == null ? 0 : n.sum();
    }
}
