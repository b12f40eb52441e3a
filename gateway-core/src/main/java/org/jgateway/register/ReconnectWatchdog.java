package org.jgateway.register;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Schedules the reconnects of one connection: exponential backoff from an initial delay (PHP reconnects after 1 s)
 * up to a cap, with jitter, restarted by {@link #reset()} once a connection succeeded.
 * <p>
 * Jitter only ever shortens a delay (by up to {@code jitter} of it), so the cap holds; it keeps the gateways and
 * workers of a cluster from reconnecting in lockstep when a register comes back.
 * <p>
 * Thread-safe. At most one reconnect is pending at a time; after {@link #stop()} nothing is scheduled any more.
 */
public final class ReconnectWatchdog {

    private final EventExecutor executor;
    private final long initialDelayNanos;
    private final long maxDelayNanos;
    private final double jitter;
    private final Runnable reconnect;

    private int attempts;
    private ScheduledFuture<?> pending;
    private boolean stopped;

    /**
     * @param executor runs {@code reconnect}, normally the connection's event loop
     * @param initialDelay delay before the first reconnect after a loss
     * @param maxDelay the cap of the doubling delay
     * @param jitter 0 (none) to 1: the fraction of each delay that may be taken off at random
     * @param reconnect starts one connection attempt
     */
    public ReconnectWatchdog(EventExecutor executor, Duration initialDelay, Duration maxDelay, double jitter,
            Runnable reconnect) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.initialDelayNanos = positive(initialDelay, "initialDelay").toNanos();
        this.maxDelayNanos = positive(maxDelay, "maxDelay").toNanos();
        if (maxDelayNanos < initialDelayNanos) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        this.jitter = jitter;
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
    }

    /**
     * Schedules the next attempt after the current backoff delay, then doubles the delay (up to the cap).
     *
     * @return the delay chosen, or {@link Duration#ZERO} if nothing was scheduled (stopped, or one is pending)
     */
    public synchronized Duration scheduleReconnect() {
        if (stopped || (pending != null && !pending.isDone())) {
            return Duration.ZERO;
        }
        long delay = backoffNanos(attempts);
        if (jitter > 0) {
            delay -= (long) (delay * jitter * ThreadLocalRandom.current().nextDouble());
        }
        attempts++;
        pending = executor.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
        return Duration.ofNanos(delay);
    }

    /** Restarts the backoff at the initial delay; called when a connection succeeded. */
    public synchronized void reset() {
        attempts = 0;
    }

    /** Cancels a pending attempt and refuses further ones. */
    public synchronized void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Attempts scheduled since the last {@link #reset()}. */
    public synchronized int attempts() {
        return attempts;
    }

    /** The delay before attempt {@code attempt} (0-based) without jitter: initial × 2^attempt, capped. */
    public Duration backoff(int attempt) {
        return Duration.ofNanos(backoffNanos(attempt));
    }

    private long backoffNanos(int attempt) {
        if (attempt >= 62 || initialDelayNanos << attempt >>> attempt != initialDelayNanos) {
            return maxDelayNanos;
        }
        return Math.min(maxDelayNanos, initialDelayNanos << attempt);
    }

    private void fire() {
        synchronized (this) {
            pending = null;
            if (stopped) {
                return;
            }
        }
        reconnect.run();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
