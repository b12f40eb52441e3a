package org.jgateway.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Flush tasks collected while one message goes to many channels, grouped by event loop: {@link #flush()} wakes each
 * loop once with all of its tasks, instead of once per channel. Used by one thread; always flush it.
 */
public final class SendBatch {

    // Loops are few (one per two cores by default): parallel lists with an identity scan beat a map.
    private final List<EventExecutor> loops = new ArrayList<>(4);
    private final List<List<Runnable>> tasks = new ArrayList<>(4);

    /** Runs {@code task} on {@code loop} when the batch is flushed, with the other tasks for that loop. */
    public void add(EventExecutor loop, Runnable task) {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i) == loop) {
                tasks.get(i).add(task);
                return;
            }
        }
        loops.add(loop);
        List<Runnable> list = new ArrayList<>();
        list.add(task);
        tasks.add(list);
    }

    /** Schedules every collected task on its loop, one wake-up per loop. */
    public void flush() {
        for (int i = 0; i < loops.size(); i++) {
            List<Runnable> list = tasks.get(i);
            loops.get(i).execute(() -> {
                for (Runnable task : list) {
                    task.run();
                }
            });
        }
        loops.clear();
        tasks.clear();
    }
}
