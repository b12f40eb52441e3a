package org.jgateway.worker;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs tasks one at a time per key (a client) and in submission order, different keys in parallel on a shared
 * executor: a client's events stay in order, and a handler that blocks for one client holds up only that client.
 * <p>
 * A lane exists only while its key has work, so idle clients cost nothing. The number of queued tasks is reported
 * to a listener, which the worker uses to stop reading from gateways when it falls behind.
 */
final class ClientLanes {

    /** Tasks a lane runs before yielding its thread, so a busy client cannot starve the others. */
    private static final int BATCH = 32;

    private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();
    private final Executor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private final IntConsumer pendingListener;

    ClientLanes(Executor executor, IntConsumer pendingListener) {
        this.executor = executor;
        this.pendingListener = pendingListener;
    }

    void submit(Object key, Runnable task) {
        boolean[] start = new boolean[1];
        Lane current = lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                lane = new Lane(k);
            }
            lane.tasks.add(task);
            if (!lane.scheduled) {
                lane.scheduled = true;
                start[0] = true;
            }
            return lane;
        });
        pendingListener.accept(pending.incrementAndGet());
        if (start[0]) {
            schedule(current);
        }
    }

    /**
     * Runs {@code task} now, on the calling thread, when {@code key} has no task queued or running; otherwise queues
     * it behind them as {@link #submit} does. For tasks too small to be worth a hand-off to another thread.
     */
    void runOrSubmit(Object key, Runnable task) {
        Lane[] idle = new Lane[1];
        Lane current = lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                // Registered as running, so a task submitted meanwhile queues behind this one.
                idle[0] = lane = new Lane(k);
                lane.scheduled = true;
            } else {
                lane.tasks.add(task);
            }
            return lane;
        });
        pendingListener.accept(pending.incrementAndGet());
        if (idle[0] == null) {
            return;
        }
        try {
            task.run();
        } finally {
            pendingListener.accept(pending.decrementAndGet());
            if (!current.finishIfIdle()) {
                schedule(current);
            }
        }
    }

    int pending() {
        return pending.get();
    }

    int activeLanes() {
        return lanes.size();
    }

    private void schedule(Lane lane) {
        try {
            executor.execute(lane);
        } catch (RejectedExecutionException e) {
            // The executor is shutting down: run here so no accepted event is lost.
            lane.run();
        }
    }

    private final class Lane implements Runnable {

        final Object key;
        // Guarded by the map's per-key lock (compute).
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>(4);
        boolean scheduled;

        Lane(Object key) {
            this.key = key;
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = next();
                if (task == null) {
                    return;
                }
                try {
                    task.run();
                } finally {
                    pendingListener.accept(pending.decrementAndGet());
                }
            }
            if (!finishIfIdle()) {
                schedule(this);
            }
        }

        private Runnable next() {
            Runnable[] next = new Runnable[1];
            lanes.compute(key, (k, lane) -> {
                next[0] = tasks.poll();
                if (next[0] == null) {
                    scheduled = false;
                    return null;
                }
                return lane;
            });
            return next[0];
        }

        private boolean finishIfIdle() {
            boolean[] idle = new boolean[1];
            lanes.compute(key, (k, lane) -> {
                if (tasks.isEmpty()) {
                    scheduled = false;
                    idle[0] = true;
                    return null;
                }
                return lane;
            });
            return idle[0];
        }
    }
}
