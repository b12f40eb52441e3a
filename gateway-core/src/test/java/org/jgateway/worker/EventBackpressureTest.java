package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBackpressureTest {

    private final AtomicInteger pending = new AtomicInteger();
    private final List<Boolean> switches = new ArrayList<>();
    private final WorkerStats stats = new WorkerStats();
    private final EventBackpressure backpressure = new EventBackpressure(
            WorkerOptions.builder().maxPendingEvents(10).build(), pending::get, switches::add, stats);

    @Test
    void pausesAboveTheLimitAndResumesAtHalfOfIt() {
        report(10);
        assertThat(switches).isEmpty();
        report(11);
        assertThat(switches).containsExactly(false);
        report(6);
        assertThat(backpressure.isPaused()).isTrue();
        report(5);
        assertThat(switches).containsExactly(false, true);
        assertThat(stats.readPauses()).isEqualTo(1);
    }

    @Test
    void aLateReportOfTooManyDoesNotPauseWhenTheQueueHasDrainedMeanwhile() {
        // A thread counted 11 and was descheduled; the handlers emptied the queue before its report arrived.
        pending.set(0);
        backpressure.pendingChanged(11);
        assertThat(switches).isEmpty();
        assertThat(backpressure.isPaused()).isFalse();
    }

    @Test
    void aLateReportOfFewDoesNotResumeWhileTheQueueIsFullAgain() {
        report(11);
        pending.set(20);
        backpressure.pendingChanged(0);
        assertThat(switches).containsExactly(false);
        assertThat(backpressure.isPaused()).isTrue();
    }

    @Test
    void aQueueThatDrainsWhilePausingEndsResumed() {
        // The reads are switched off while the handlers take the queue down to nothing; nobody reports afterwards.
        EventBackpressure draining = new EventBackpressure(WorkerOptions.builder().maxPendingEvents(10).build(),
                pending::get, on -> {
                    switches.add(on);
                    if (!on) {
                        pending.set(0);
                    }
                }, stats);
        pending.set(11);
        draining.pendingChanged(11);
        assertThat(switches).containsExactly(false, true);
        assertThat(draining.isPaused()).isFalse();
    }

    @Test
    void racingAddersAndTakersNeverLeaveReadsPausedOnAnEmptyQueue() throws Exception {
        AtomicInteger count = new AtomicInteger();
        EventBackpressure shared = new EventBackpressure(WorkerOptions.builder().maxPendingEvents(4).build(),
                count::get, on -> { }, new WorkerStats());
        for (int round = 0; round < 2_000; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            CountDownLatch done = new CountDownLatch(2);
            Thread adder = new Thread(() -> {
                await(start);
                for (int i = 0; i < 20; i++) {
                    shared.pendingChanged(count.incrementAndGet());
                }
                done.countDown();
            });
            Thread taker = new Thread(() -> {
                await(start);
                for (int i = 0; i < 20; i++) {
                    int left;
                    do {
                        left = count.get();
                    } while (left == 0 || !count.compareAndSet(left, left - 1));
                    shared.pendingChanged(left - 1);
                }
                done.countDown();
            });
            adder.start();
            taker.start();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(count.get()).isZero();
            assertThat(shared.isPaused()).as("round %d", round).isFalse();
        }
    }

    private void report(int now) {
        pending.set(now);
        backpressure.pendingChanged(now);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
