package org.jgateway.redis.discovery;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jgateway.redis.RedisConnections;
import org.slf4j.Logger;

/**
 * A Redis round trip repeated every interval on an event loop until stopped. Each reply goes to a handler; a failure
 * is counted, and an outage is logged once, not per attempt: a warning when Redis goes away (or is unreachable from
 * the start), one line when it is back.
 */
final class RepeatedScript<T> {

    private enum State { UNKNOWN, UP, DOWN }

    private final RedisConnections redis;
    private final String task;
    private final Logger log;
    private final Supplier<? extends CompletionStage<T>> call;
    private final Consumer<T> onReply;
    private final LongAdder failures = new LongAdder();
    private volatile State state = State.UNKNOWN;
    private volatile Throwable lastFailure;
    private volatile boolean stopped;
    private ScheduledFuture<?> schedule;

    /**
     * @param task what the round trip does, for the log ("gateway announcement")
     * @param call sends the command; a call Lettuce rejects at once (disconnected) counts as a failure
     * @param onReply gets each reply, on a Lettuce thread; must not block
     */
    RepeatedScript(RedisConnections redis, String task, Logger log, Supplier<? extends CompletionStage<T>> call,
            Consumer<T> onReply) {
        this.redis = redis;
        this.task = task;
        this.log = log;
        this.call = call;
        this.onReply = onReply;
    }

    /** Runs now, then every {@code interval}. */
    synchronized void start(EventExecutor loop, Duration interval) {
        schedule = loop.scheduleAtFixedRate(this::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        stopped = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void run() {
        if (stopped) {
            return;
        }
        try {
            call.get().whenComplete((reply, failure) -> {
                if (failure != null) {
                    failed(failure);
                } else {
                    succeeded();
                    onReply.accept(reply);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private synchronized void succeeded() {
        if (state == State.DOWN) {
            log.info("Redis {} is back: {} resumed", redis.description(), task);
        }
        state = State.UP;
    }

    private synchronized void failed(Throwable cause) {
        failures.increment();
        lastFailure = cause;
        if (state != State.DOWN) {
            log.warn("Redis {} unreachable: {} paused, retrying ({})", redis.description(), task, reason(cause));
        }
        state = State.DOWN;
    }

    /** Whether the last round trip succeeded (and the task runs). */
    boolean isConnected() {
        return !stopped && state == State.UP;
    }

    /** Round trips that failed (each is retried at the next interval). */
    long failures() {
        return failures.sum();
    }

    /** The reason of the last failed round trip, or null. */
    Throwable lastFailure() {
        return lastFailure;
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
