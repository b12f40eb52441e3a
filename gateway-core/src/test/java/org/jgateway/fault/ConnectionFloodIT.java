package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More connections than the gateway process may open files: accept failures are counted and logged, accepting
 * backs off, the process survives, and once the flood's connections close it serves new clients again.
 * <p>
 * CI runs the gateway under {@code ulimit -n 1024} with 3,000 connections; the full run (see docs/reliability.md)
 * uses {@code -Djgateway.flood.fileLimit=16384 -Djgateway.flood.connections=19000}.
 */
class ConnectionFloodIT extends FaultTestSupport {

    private static final int FILE_LIMIT = Integer.getInteger("jgateway.flood.fileLimit", 1024);
    private static final int CONNECTIONS = Integer.getInteger("jgateway.flood.connections", 3000);

    @Test
    void acceptFailuresAreCountedAndTheGatewayRecovers() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", FILE_LIMIT, List.of(register));
        Node worker = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(worker));
        int port = gateway.port("textPort");
        // Serve a few clients first: everything the gateway needs is loaded before it runs out of descriptors.
        echoOnce("warmup", port);
        Map<String, Object> before = gateway.stats();

        long start = System.nanoTime();
        List<Channel> flood = fleet.flood(port, CONNECTIONS, 3000);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.stat("acceptFailures") > 0);
        Map<String, Object> during = gateway.stats();
        assertThat(gateway.isAlive()).isTrue();

        flood.forEach(Channel::close);
        long closedAt = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.stat("clients") == 0);
        echoOnce("after", port);
        long recoveredMillis = (System.nanoTime() - closedAt) / 1_000_000;
        // Every descriptor the flood took is given back: none leaked on a failed accept.
        boolean descriptorsBack = awaitOrGiveUp(PATIENCE, () -> sockets(gateway.stats()) <= sockets(before));
        Map<String, Object> after = gateway.stats();

        figures("gateway under ulimit -n " + FILE_LIMIT + ", " + CONNECTIONS + " connection attempts: " + flood.size()
                + " completed TCP handshakes, " + during.get("clients") + " clients held by the gateway, "
                + during.get("acceptFailures") + " accept failures counted (" + after.get("acceptFailures")
                + " in all, " + after.get("acceptPauses") + " back-offs) in " + (closedAt - start) / 1_000_000
                + " ms; serving again " + recoveredMillis
                + " ms after the flood closed; connections accepted in all " + after.get("connectionsAccepted")
                + "; heap " + mib(number(before, "heapUsed")) + " -> " + mib(number(after, "heapUsed"))
                + " MiB, direct " + number(before, "nettyDirect") / 1024 + " -> " + number(after, "nettyDirect") / 1024
                + " KiB, open fds " + before.get("openFds") + " " + before.get("fdKinds") + " -> " + after.get("openFds") + " "
                + after.get("fdKinds"));

        assertThat(number(during, "acceptFailures")).isPositive();
        // Accepting backed off: every pause was logged once, and failures while paused started no other pause.
        long pauses = number(after, "acceptPauses");
        assertThat(pauses).isPositive().isLessThanOrEqualTo(number(after, "acceptFailures"));
        assertThat(gateway.logCount("pausing accepts for 1000 ms")).isEqualTo(pauses);
        assertThat(descriptorsBack).as("sockets back to %s", before.get("fdKinds")).isTrue();
        assertThat(gateway.isAlive()).isTrue();
        assertThat(gateway.logContains("OutOfMemoryError")).isFalse();
        assertNoLeaks(List.of(gateway, worker));
    }

    private void echoOnce(String prefix, int port) {
        List<SeqClient> clients = fleet.connect(prefix, 3, port);
        clients.forEach(SeqClient::sendNext);
        await().atMost(PATIENCE).until(() -> clients.stream().allMatch(SeqClient::caughtUp));
        fleet.closeAll(clients);
    }

    private static int sockets(Map<String, Object> stats) {
        return ((Number) ((Map<?, ?>) stats.get("fdKinds")).get("socket")).intValue();
    }

    private static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
