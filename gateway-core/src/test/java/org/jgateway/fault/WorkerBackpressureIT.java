package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients send much faster than the worker handles: the worker stops reading, the gateway's connection to it
 * fills, the gateway stops reading from the clients, and the clients' own sockets fill (they turn unwritable). Nothing
 * is dropped, no process runs out of memory, every echo arrives in order.
 */
class WorkerBackpressureIT extends FaultTestSupport {

    private static final int CLIENTS = 20;
    private static final int PER_CLIENT = 400;
    private static final int PADDING = 2000;
    /**
     * A fixed socket send buffer: left to autotuning, loopback grows it to megabytes and the kernel absorbs the whole
     * burst, so the clients would never see the backpressure.
     */
    private static final int CLIENT_SEND_BUFFER = 16 * 1024;

    @Test
    void backpressureReachesTheClientsAndNothingIsDropped() {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register), "--worker-buffer", "65536");
        Node worker = nodes.worker("W", List.of(register), "--delay-ms", "1", "--concurrency", "2",
                "--max-pending", "100");
        Nodes.awaitMesh(List.of(gateway), List.of(worker));
        List<SeqClient> clients = fleet.connect("c", CLIENTS, gateway.port("textPort"), CLIENT_SEND_BUFFER);
        clients.forEach(c -> c.padding(PADDING));
        Map<String, Object> before = gateway.stats();

        long start = System.nanoTime();
        try (Traffic traffic = Traffic.burst(clients, PER_CLIENT)) {
            Traffic.Report report = traffic.settle(Duration.ofSeconds(90));
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Object> gw = gateway.stats();
            Map<String, Object> w = worker.stats();
            long unwritable = clients.stream().mapToLong(SeqClient::unwritable).sum();
            figures(report.sent + " messages of " + PADDING + " B sent in one burst by " + CLIENTS + " clients ("
                    + CLIENT_SEND_BUFFER / 1024 + " KiB socket send buffers), handled in "
                    + millis + " ms; " + report + "; worker read pauses " + w.get("readPauses")
                    + ", gateway client-read pauses " + gw.get("readsPausedForWorker") + ", client sockets unwritable "
                    + unwritable + " times; gateway heap " + mib(number(before, "heapUsed")) + " -> "
                    + mib(number(gw, "heapUsed")) + " MiB, direct " + number(before, "allocatorDirect") / 1024 + " -> "
                    + number(gw, "allocatorDirect") / 1024 + " KiB; " + RollingRestartIT.dropCounters(gw));

            assertThat(report.lost).isZero();
            assertThat(report.outOfOrder).isZero();
            assertThat(report.disconnected).isZero();
            assertThat(report.echoed).isEqualTo(report.sent);
            assertThat(number(w, "readPauses")).isPositive();
            assertThat(number(gw, "readsPausedForWorker")).isPositive();
            // The clients write only while their connection takes writes, so unwritable means their socket was full.
            assertThat(unwritable).isPositive();
            assertThat(number(gw, "eventsDroppedNoWorker") + number(gw, "eventsDroppedWorkerClosed")
                    + number(gw, "sendDroppedSlowConsumer") + number(gw, "clientsClosedSlowConsumer")).isZero();
            assertThat(gateway.logContains("OutOfMemoryError") || worker.logContains("OutOfMemoryError")).isFalse();
            assertNoLeaks(List.of(gateway, worker));
        }
    }

    private static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
