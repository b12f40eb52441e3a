package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while broadcasts flow: what the gateway holds for it, sampled on its event loop while
 * the broadcasts flow, never exceeds {@code send-to-client-buffer-size} plus one message; the configured policy (drop
 * the message, or close the client) is applied and counted, and the other clients get every broadcast in order.
 */
class SlowConsumerIT extends FaultTestSupport {

    private static final int SEND_BUFFER = 1024 * 1024;
    private static final int READERS = 5;
    private static final int MESSAGES = 12000;
    private static final int MESSAGE_SIZE = 1000;
    /** The largest broadcast as the text protocol sends it: {@code b:<seq>:<padding>\n}. */
    private static final int MAX_MESSAGE_BYTES = ("b:" + MESSAGES + ":\n").length() + MESSAGE_SIZE;
    /** Broadcasts sent before waiting for the readers: a quarter of the buffer, so a reader never nears it. */
    private static final int STEP = SEND_BUFFER / 4 / MAX_MESSAGE_BYTES;

    @Test
    void dropPolicyDropsForTheSlowClientOnly() {
        Map<String, Object> gw = run("drop");
        assertThat(((Number) gw.get("sendDroppedSlowConsumer")).longValue()).isPositive();
        assertThat(gw.get("clientsClosedSlowConsumer")).isEqualTo(0);
        assertThat(gw.get("clients")).isEqualTo(READERS + 1);
        // The slow client's buffer did fill: the bound below was met by a full buffer, not an empty one.
        assertThat(number(gw, "largestClientBacklog")).isGreaterThan(SEND_BUFFER / 2);
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
                "--policy", policy, "--sample-backlog-ms", "1");
        // Clients need a worker for their connect events, else the gateway closes them after its hold time.
        Node worker = nodes.worker("W", List.of(register));
        Nodes.awaitMesh(List.of(gateway), List.of(worker));
        int port = gateway.port("textPort");
        List<SeqClient> readers = fleet.connect("r", READERS, port);
        SeqClient slow = fleet.connectNonReading("slow", port);
        await().atMost(PATIENCE).until(() -> gateway.stat("clients") == READERS + 1);
        Map<String, Object> before = gateway.stats();

        try (Broadcaster broadcaster = new Broadcaster(gateway.readyValue("address"), MESSAGE_SIZE)) {
            // Paced by the readers, not by the clock: they stay within one step of the broadcaster however slowly
            // the machine schedules them, so only the client that stopped reading can reach the limit.
            broadcaster.broadcastInSteps(MESSAGES, STEP,
                    sent -> readers.stream().allMatch(r -> r.broadcasts() == sent || r.disconnected()),
                    PATIENCE);
        }
        Map<String, Object> after = gateway.stats();
        long largest = number(after, "largestClientBacklog");
        figures("policy " + policy + ": " + MESSAGES + " broadcasts of " + MESSAGE_SIZE + " B ("
                + mib((long) MESSAGES * MESSAGE_SIZE) + " MiB) with send-to-client-buffer-size " + SEND_BUFFER / 1024
                + " KiB; largest client backlog sampled during the broadcasts " + largest + " B (bound "
                + (SEND_BUFFER + MAX_MESSAGE_BYTES) + " B); readers got "
                + readers.stream().mapToLong(SeqClient::broadcasts).sum() + "/" + (long) READERS * MESSAGES
                + " in order (gaps " + readers.stream().mapToLong(SeqClient::broadcastGaps).sum()
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
        // Messages come from one API connection, so one thread: a message is accepted only while the client holds
        // less than its buffer, hence at most the buffer plus that one message.
        assertThat(largest).isLessThanOrEqualTo(SEND_BUFFER + MAX_MESSAGE_BYTES);
        assertNoLeaks(List.of(gateway));
        slow.close();
        return after;
    }

    private static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
