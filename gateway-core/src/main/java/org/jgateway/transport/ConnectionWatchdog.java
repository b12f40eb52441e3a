package org.jgateway.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one connection coming back: its owner reports a failed attempt or a lost connection with
 * {@link #scheduleReconnect()}, and the watchdog runs the next attempt after the {@link ReconnectDelay} for the
 * attempts made since the last {@link #reset()} (Lettuce's {@code ConnectionWatchdog}, without the channel: the same
 * watchdog serves TCP connections and in-memory links).
 * <p>
 * Reconnecting can be switched off and on again ({@link #setReconnecting}: a peer that discovery no longer lists keeps
 * its open connection but is not reconnected), or ended for good ({@link #stop()}).
 * <p>
 * Thread-safe. At most one attempt is pending at a time.
 */
public final class ConnectionWatchdog {

    private final EventExecutor executor;
    private final ReconnectDelay delay;
    private final Runnable reconnect;

    private int attempts;
    private @Nullable ScheduledFuture<?> pending;
    private boolean reconnecting = true;
    private boolean stopped;

    /**
     * @param executor runs {@code reconnect}, normally the connection's event loop
     * @param delay the wait before each attempt
     * @param reconnect starts one connection attempt
     */
    public ConnectionWatchdog(EventExecutor executor, ReconnectDelay delay, Runnable reconnect) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
    }

    /**
     * Schedules the next attempt after the delay for the attempts made so far.
     *
     * @return the delay chosen, or {@link Duration#ZERO} if nothing was scheduled (not reconnecting, or an attempt
     *         is pending already)
     */
    public synchronized Duration scheduleReconnect() {
        if (!isReconnecting() || (pending != null && !pending.isDone())) {
            return Duration.ZERO;
        }
        Duration next = delay.delay(attempts);
        attempts++;
        pending = executor.schedule(this::fire, next.toNanos(), TimeUnit.NANOSECONDS);
        return next;
    }

    /** Restarts the delays from the first one; called when a connection succeeded. */
    public synchronized void reset() {
        attempts = 0;
    }

    /**
     * Switches reconnecting on or off; off cancels a pending attempt. After {@link #stop()} it stays off.
     *
     * @return whether this changed anything
     */
    public synchronized boolean setReconnecting(boolean on) {
        if (stopped || on == reconnecting) {
            return false;
        }
        reconnecting = on;
        if (!on) {
            cancelPending();
        }
        return true;
    }

    /** Whether a lost connection is to be reconnected. */
    public synchronized boolean isReconnecting() {
        return reconnecting && !stopped;
    }

    /** Cancels a pending attempt and refuses further ones, for good. */
    public synchronized void stop() {
        stopped = true;
        cancelPending();
    }

    /** Attempts scheduled since the last {@link #reset()}. */
    public synchronized int attempts() {
        return attempts;
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void fire() {
        synchronized (this) {
            pending = null;
            if (!isReconnecting()) {
                return;
            }
        }
        reconnect.run();
    }
}
