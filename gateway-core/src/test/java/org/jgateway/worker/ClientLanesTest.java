package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientLanesTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger maxPending = new AtomicInteger();
    private final ClientLanes lanes = new ClientLanes(executor, p -> maxPending.accumulateAndGet(p, Math::max));

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void eachKeysTasksRunInOrderOneAtATime() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrentForKey = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        for (int i = 0; i < 2000; i++) {
            String key = "c" + (i % 7);
            int n = i;
            lanes.submit(key, () -> {
                if (key.equals("c0") && concurrentForKey.incrementAndGet() > 1) {
                    overlap.incrementAndGet();
                }
                seen.add(key + ":" + n);
                if (key.equals("c0")) {
                    concurrentForKey.decrementAndGet();
                }
            });
        }
        await().until(() -> lanes.pending() == 0 && seen.size() == 2000);
        for (int k = 0; k < 7; k++) {
            String prefix = "c" + k + ":";
            List<Integer> order = seen.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(order).isSorted();
        }
        assertThat(overlap.get()).isZero();
        assertThat(lanes.activeLanes()).isZero();
    }

    @Test
    void aBlockedClientDoesNotStallTheOthers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        lanes.submit("slow", () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lanes.submit("slow", () -> { });
        lanes.submit("fast", otherDone::countDown);
        assertThat(otherDone.await(5, TimeUnit.SECONDS)).isTrue();
        await().until(() -> lanes.pending() == 2);
        release.countDown();
        await().until(() -> lanes.pending() == 0);
        assertThat(maxPending.get()).isEqualTo(3);
    }

    @Test
    void runOrSubmitRunsOnTheCallersThreadWhenTheKeyIsIdle() {
        Thread[] ranOn = new Thread[1];
        lanes.runOrSubmit("idle", () -> ranOn[0] = Thread.currentThread());
        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        assertThat(lanes.pending()).isZero();
        assertThat(lanes.activeLanes()).isZero();
    }

    @Test
    void runOrSubmitQueuesBehindTheKeysRunningWork() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread[] inlineRanOn = new Thread[1];
        lanes.submit("busy", () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("first");
        });
        lanes.runOrSubmit("busy", () -> {
            inlineRanOn[0] = Thread.currentThread();
            seen.add("second");
        });
        assertThat(seen).isEmpty();
        assertThat(lanes.pending()).isEqualTo(2);
        release.countDown();
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("first", "second");
        assertThat(inlineRanOn[0]).isNotSameAs(Thread.currentThread());
        await().until(() -> lanes.pending() == 0 && lanes.activeLanes() == 0);
    }

    @Test
    void aTaskSubmittedWhileAnInlineTaskRunsWaitsForIt() throws InterruptedException {
        CountDownLatch inlineStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread inline = new Thread(() -> lanes.runOrSubmit("k", () -> {
            inlineStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("inline");
        }));
        inline.start();
        assertThat(inlineStarted.await(5, TimeUnit.SECONDS)).isTrue();
        lanes.submit("k", () -> seen.add("queued"));
        assertThat(lanes.pending()).isEqualTo(2);
        assertThat(seen).isEmpty();
        release.countDown();
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("inline", "queued");
        inline.join(5000);
        await().until(() -> lanes.pending() == 0 && lanes.activeLanes() == 0);
    }
}
