package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while broadcasts flow: what the gateway keeps for it is bounded by
 * {@code send-to-client-buffer-size}, the configured policy (drop the message, or close the client) is applied and
 * counted, and the other clients get every broadcast in order.
 */
class SlowConsumerTest extends FaultTestSupport {

    private static final int SEND_BUFFER = 1024 * 1024;
    private static final int READERS = 5;
    private static final int MESSAGES = 12000;
    private static final int MESSAGE_SIZE = 1000;
    /** Allocator chunks and the broadcasts in progress come on top of the slow client's buffer. */
    private static final long MEMORY_SLACK = 8L * 1024 * 1024;

    @Test
    void dropPolicyDropsForTheSlowClientOnly() {
        Map<String, Object> gw = run("drop");
        assertThat(((Number) gw.get("sendDroppedSlowConsumer")).longValue()).isPositive();
        assertThat(gw.get("clientsClosedSlowConsumer")).isEqualTo(0);
        assertThat(gw.get("clients")).isEqualTo(READERS + 1);
    }

    @Test
    void closePolicyClosesTheSlowClientOnly() {
        Map<String, Object> gw = run("close");
        assertThat(gw.get("clientsClosedSlowConsumer")).isEqualTo(1);
        assertThat(gw.get("clients")).isEqualTo(READERS);
    }

    private Map<String, Object> run(String policy) {
        Node register = nodes.register("register", 0);
        Node gateway = nodes.gateway("gateway", List.of(register), "--send-buffer", String.valueOf(SEND_BUFFER),
                "--policy", policy);
        // Clients need a worker for their connect events, else the gateway closes them after its hold time.
        Node worker = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(worker));
        int port = gateway.port("textPort");
        List<SeqClient> readers = fleet.connect("r", READERS, port);
        SeqClient slow = fleet.connectNonReading("slow", port);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.stat("clients") == READERS + 1);
        Map<String, Object> before = gateway.stats();

        try (Broadcaster broadcaster = new Broadcaster(gateway.readyValue("address"), MESSAGE_SIZE)) {
            // 1.5 MB/s per client: a reader that keeps reading never falls 1 MiB behind, even on a busy 2-core box
            // where it may be descheduled for a few hundred milliseconds.
            broadcaster.broadcast(MESSAGES, 15, Duration.ofSeconds(40));
            awaitOrGiveUp(Duration.ofSeconds(20), () -> readers.stream().allMatch(r -> r.broadcasts() == MESSAGES));
        }
        Map<String, Object> after = gateway.stats();
        long grown = number(after, "allocatorDirect") - number(before, "allocatorDirect");
        figures("policy " + policy + ": " + MESSAGES + " broadcasts of " + MESSAGE_SIZE + " B ("
                + mib((long) MESSAGES * MESSAGE_SIZE) + " MiB) with send-to-client-buffer-size " + SEND_BUFFER / 1024
                + " KiB; readers got " + readers.stream().mapToLong(SeqClient::broadcasts).sum() + "/"
                + (long) READERS * MESSAGES + " in order (gaps " + readers.stream().mapToLong(SeqClient::broadcastGaps).sum()
                + ", disconnected " + readers.stream().filter(SeqClient::disconnected).count()
                + "); gateway sendDroppedSlowConsumer=" + after.get("sendDroppedSlowConsumer")
                + " clientsClosedSlowConsumer=" + after.get("clientsClosedSlowConsumer") + "; gateway direct memory "
                + number(before, "allocatorDirect") / 1024 + " KiB before, " + number(after, "allocatorDirect") / 1024
                + " KiB after, heap " + mib(number(before, "heapUsed")) + " -> " + mib(number(after, "heapUsed")) + " MiB");

        for (SeqClient r : readers) {
            assertThat(r.broadcasts()).isEqualTo(MESSAGES);
            assertThat(r.broadcastGaps()).isZero();
            assertThat(r.disconnected()).isFalse();
        }
        assertThat(grown).isLessThanOrEqualTo(SEND_BUFFER + MEMORY_SLACK);
        assertNoLeaks(List.of(gateway));
        slow.close();
        return after;
    }

    private static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
