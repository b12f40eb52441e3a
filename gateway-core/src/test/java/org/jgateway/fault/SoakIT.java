package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Waves of clients that connect, subscribe (join a group), receive a group broadcast and disconnect, against one
 * gateway. After the waves the gateway's heap (after GC) and direct memory are back to what they were after the
 * first wave (±10%), and it holds no more file descriptors than then: no leaked channels or client state.
 * <p>
 * CI runs 3 waves of 2,000; the full run (see docs/reliability.md) is
 * {@code -Djgateway.soak.waves=10 -Djgateway.soak.clients=10000}.
 */
class SoakIT extends FaultTestSupport {

    private static final int WAVES = Integer.getInteger("jgateway.soak.waves", 3);
    private static final int CLIENTS = Integer.getInteger("jgateway.soak.clients", 2000);
    private static final int BATCH = 1000;
    /** Young-generation leftovers on a small heap: a floor under the ±10%. */
    private static final long HEAP_FLOOR = 1024 * 1024;
    /**
     * Netty's adaptive allocator keeps the chunks it carved (128 KiB to 512 KiB steps) for reuse, so its reserved
     * direct memory creeps up by a few of them over many waves while no buffer is in use (the PARANOID leak detector
     * tracks every buffer): a floor under the ±10%.
     */
    private static final long DIRECT_FLOOR = 2 * 1024 * 1024;

    /** Netty's default (adaptive, pooled) allocator: what production runs; its chunk cache gets the floor above. */
    @Test
    void memoryAndDescriptorsReturnToTheirBaseline() {
        soak(DIRECT_FLOOR);
    }

    /**
     * With the unpooled allocator Netty's direct memory is exactly what live buffers hold, so it must come back to
     * its baseline strictly: ±10%, with only 64 KiB for buffers in flight at the moment of measuring.
     */
    @Test
    void directMemoryHeldByBuffersReturnsToItsBaseline() {
        soak(64 * 1024, "-J-Dio.netty.allocator.type=unpooled");
    }

    private void soak(long directFloor, String... gatewayOptions) {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register), gatewayOptions);
        Node worker = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(worker));
        int port = gateway.port("textPort");

        Map<String, Object> cold = gateway.stats();
        List<String> perWave = new ArrayList<>();
        Map<String, Object> baseline = null;
        Map<String, Object> last = null;
        long start = System.nanoTime();
        try (Broadcaster broadcaster = new Broadcaster(gateway.readyValue("address"), 16)) {
            for (int wave = 1; wave <= WAVES; wave++) {
                runWave(wave, port, broadcaster);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> gateway.stat("clients") == 0 && worker.stat("pendingEvents") == 0);
                last = gateway.stats();
                if (baseline == null) {
                    baseline = last;
                }
                perWave.add("wave " + wave + ": heap " + kib(last, "heapUsed") + " KiB, direct " + kib(last, "nettyDirect")
                        + " KiB (allocator in use " + kib(last, "allocatorDirect") + " KiB), fds " + last.get("openFds"));
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        figures(WAVES + " waves x " + CLIENTS + " clients in " + seconds + " s; before the first wave: heap "
                + kib(cold, "heapUsed") + " KiB, direct " + kib(cold, "nettyDirect") + " KiB, fds " + cold.get("openFds")
                + "; " + String.join("; ", perWave) + "; gateway accepted " + last.get("connectionsAccepted")
                + ", leaks " + last.get("leaks"));

        long baseHeap = number(baseline, "heapUsed");
        assertThat(number(last, "heapUsed")).isLessThanOrEqualTo(Math.max(baseHeap + baseHeap / 10, baseHeap + HEAP_FLOOR));
        long baseDirect = number(baseline, "nettyDirect");
        assertThat(number(last, "nettyDirect")).isLessThanOrEqualTo(
                Math.max(baseDirect + baseDirect / 10, baseDirect + directFloor));
        assertThat(number(last, "openFds")).isLessThanOrEqualTo(number(baseline, "openFds"));
        assertThat(number(last, "connectionsAccepted")).isEqualTo((long) WAVES * CLIENTS);
        assertNoLeaks(List.of(gateway, worker));
    }

    private void runWave(int wave, int port, Broadcaster broadcaster) {
        List<SeqClient> clients = new ArrayList<>(CLIENTS);
        for (int i = 0; i < CLIENTS; i += BATCH) {
            clients.addAll(fleet.connect("w" + wave + "-" + i + "-", Math.min(BATCH, CLIENTS - i), port));
        }
        clients.forEach(c -> c.send("join:soak"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.stream().allMatch(c -> !c.otherLines().isEmpty()));
        broadcaster.api().sendToGroup("soak", "b:1:wave" + wave);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.stream().allMatch(c -> c.broadcasts() == 1));
        fleet.closeAll(clients);
    }

    private static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }

    private static long kib(Map<String, Object> stats, String key) {
        return number(stats, key) / 1024;
    }
}
