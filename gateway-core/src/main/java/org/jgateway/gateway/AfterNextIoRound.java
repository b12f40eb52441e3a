package org.jgateway.gateway;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on one event loop once that loop has polled its sockets again: a task added now runs after the loop's
 * next I/O round, so every connection of the loop that was readable when it was added, including one accepted in the
 * current round whose bytes are not read yet, has been read once more by then. Tasks run in the order they were added.
 * All methods run on the loop.
 * <p>
 * This relies on how a Netty loop iterates: it polls I/O, then runs its queued tasks and the scheduled tasks that were
 * due when that task phase began. The task queued on the first {@link #add} runs in the current task phase and
 * schedules the batch with no delay, which is first picked up by the next task phase, after the next I/O poll.
 */
final class AfterNextIoRound {

    private final EventLoop loop;
    private final Runnable arm = this::arm;
    private ArrayDeque<Runnable> collecting = new ArrayDeque<>();
    private boolean armed;

    AfterNextIoRound(EventLoop loop) {
        this.loop = loop;
    }

    void add(Runnable task) {
        assert loop.inEventLoop();
        collecting.add(task);
        if (!armed) {
            armed = true;
            loop.execute(arm);
        }
    }

    private void arm() {
        ArrayDeque<Runnable> batch = collecting;
        collecting = new ArrayDeque<>();
        armed = false;
        loop.schedule(() -> runAll(batch), 0, TimeUnit.NANOSECONDS);
    }

    private static void runAll(ArrayDeque<Runnable> batch) {
        Runnable task;
        while ((task = batch.poll()) != null) {
            task.run();
        }
    }
}
