package org.jgateway.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Steady load: every {@code periodMillis} each client sends its next numbered message. After {@link #stop()},
 * {@link #settle(Duration)} waits until every client's last message was echoed; because echoes keep their order,
 * whatever has not come back by then is lost (if the wait times out, the report shows what is missing).
 */
final class Traffic implements AutoCloseable {

    private final List<SeqClient> clients;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "traffic");
        t.setDaemon(true);
        return t;
    });

    private final List<CompletableFuture<Void>> bursts = new ArrayList<>();

    private Traffic(List<SeqClient> clients) {
        this.clients = List.copyOf(clients);
    }

    /** Starts sending at {@code messagesPerSecond} per client. */
    static Traffic start(List<SeqClient> clients, int messagesPerSecond) {
        Traffic traffic = new Traffic(clients);
        long period = 1_000_000 / messagesPerSecond;
        traffic.timer.scheduleAtFixedRate(traffic::tick, 0, period, TimeUnit.MICROSECONDS);
        return traffic;
    }

    /**
     * Like {@link #start(List, int)}, but a client sends its next message only once its previous one was answered:
     * one message in flight per client, so the load adapts to how fast the machine serves it.
     */
    static Traffic startOneInFlight(List<SeqClient> clients, int messagesPerSecond) {
        Traffic traffic = new Traffic(clients);
        long period = 1_000_000 / messagesPerSecond;
        traffic.timer.scheduleAtFixedRate(traffic::tickCaughtUp, 0, period, TimeUnit.MICROSECONDS);
        return traffic;
    }

    /**
     * Sends {@code perClient} messages from every client at once, as fast as the connections take them (see
     * {@link SeqClient#burst(int)}).
     */
    static Traffic burst(List<SeqClient> clients, int perClient) {
        Traffic traffic = new Traffic(clients);
        for (SeqClient c : clients) {
            traffic.bursts.add(c.burst(perClient));
        }
        return traffic;
    }

    private void tick() {
        for (SeqClient c : clients) {
            c.sendNext();
        }
    }

    private void tickCaughtUp() {
        for (SeqClient c : clients) {
            if (c.caughtUp()) {
                c.sendNext();
            }
        }
    }

    /** Messages sent so far by all clients. */
    long sent() {
        return clients.stream().mapToLong(SeqClient::sent).sum();
    }

    void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends one more message per connected client and waits until every connected client got its last echo;
     * disconnected clients are left out (their losses show as pending).
     */
    Report settle(Duration timeout) {
        stop();
        // A burst still going would interleave with the final messages.
        FaultTestSupport.awaitOrGiveUp(timeout, () -> bursts.stream().allMatch(CompletableFuture::isDone));
        clients.forEach(SeqClient::sendNext);
        FaultTestSupport.awaitOrGiveUp(timeout,
                () -> clients.stream().allMatch(c -> !c.isActive() || c.caughtUp()));
        return report();
    }

    Report report() {
        return new Report(clients);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** What the clients saw. */
    static final class Report {

        final int clients;
        final long sent;
        final long echoed;
        final long lost;
        /** Duplicates and overtaken echoes. */
        final long outOfOrder;
        final long duplicates;
        final long disconnected;
        final long maxLatencyMillis;
        final Map<String, Long> byWorker = new TreeMap<>();

        Report(List<SeqClient> list) {
            clients = list.size();
            sent = list.stream().mapToLong(SeqClient::sent).sum();
            echoed = list.stream().mapToLong(SeqClient::echoes).sum();
            outOfOrder = list.stream().mapToLong(SeqClient::outOfOrder).sum();
            duplicates = list.stream().mapToLong(SeqClient::duplicates).sum();
            disconnected = list.stream().filter(SeqClient::disconnected).count();
            maxLatencyMillis = list.stream().mapToLong(SeqClient::maxLatencyMillis).max().orElse(0);
            long lostCount = 0;
            for (SeqClient c : list) {
                lostCount += c.pending().size();
                c.byWorker().forEach((w, n) -> byWorker.merge(w, n.sum(), Long::sum));
            }
            lost = lostCount;
        }

        @Override
        public String toString() {
            return clients + " clients, " + sent + " sent, " + echoed + " echoed, " + lost + " lost, " + outOfOrder
                    + " out of order (" + duplicates + " duplicates), " + disconnected + " disconnected, max latency " + maxLatencyMillis
                    + " ms, by worker " + byWorker;
        }
    }
}
