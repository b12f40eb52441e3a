package org.jgateway.spring.actuate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Request rates (the {@code qps} column of workerman's {@code status}) over a sliding window: every counter asked
 * about is sampled once per interval, and its rate is the increase since the oldest sample still in the window.
 * <p>
 * Sampling starts with the first {@link #rate} call and stops after the idle timeout without one, so an application
 * whose status is never read runs no timer. A counter's rate is 0 until it has been sampled for one interval, as
 * workerman's one-shot {@code status} shows 0.
 */
public final class RequestRateSampler implements AutoCloseable {

    /** Rates are averaged over this window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    /** Time between two samples. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** Sampling stops after this long without a read. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final long windowNanos;
    private final long intervalNanos;
    private final long idleNanos;
    private final LongSupplier clock;
    private final boolean scheduled;
    // Keyed by identity: the keys are long-lived core objects whose equals is not meant for this.
    private final Map<Object, Series> series = new IdentityHashMap<>();
    private ScheduledExecutorService timer;
    private long lastReadNanos;
    private boolean closed;

    /** A sampler with the default window, interval and idle timeout. */
    public RequestRateSampler() {
        this(DEFAULT_WINDOW, DEFAULT_INTERVAL, DEFAULT_IDLE_TIMEOUT);
    }

    public RequestRateSampler(Duration window, Duration interval, Duration idleTimeout) {
        this(window, interval, idleTimeout, System::nanoTime, true);
    }

    /** {@code scheduled = false} leaves sampling to explicit {@link #sample()} calls (tests with a fake clock). */
    RequestRateSampler(Duration window, Duration interval, Duration idleTimeout, LongSupplier clock,
            boolean scheduled) {
        if (interval.isZero() || interval.isNegative() || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("Need 0 < interval <= window, got " + interval + " and " + window);
        }
        this.windowNanos = window.toNanos();
        this.intervalNanos = interval.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduled = scheduled;
    }

    /**
     * The per-second rate of {@code counter} over the window. {@code key} identifies the counter between calls
     * (the first call with a key starts sampling it); use the object that owns the counter.
     */
    public synchronized double rate(Object key, LongSupplier counter) {
        long now = clock.getAsLong();
        lastReadNanos = now;
        startTimer();
        long value = counter.getAsLong();
        Series s = series.get(key);
        if (s == null) {
            s = new Series(counter);
            s.add(now, value);
            series.put(key, s);
            return 0;
        }
        return s.rate(now, value, windowNanos, intervalNanos);
    }

    /** Takes one sample of every counter; stops sampling if nobody asked for a rate within the idle timeout. */
    synchronized void sample() {
        long now = clock.getAsLong();
        if (now - lastReadNanos > idleNanos) {
            series.clear();
            stopTimer();
            return;
        }
        for (Series s : series.values()) {
            s.add(now, s.counter.getAsLong());
            // One sample older than the window is kept: it is the base when the next one falls just inside.
            s.trim(now - windowNanos - intervalNanos);
        }
    }

    /** Whether the sampling timer is running. */
    synchronized boolean isSampling() {
        return timer != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopTimer();
        series.clear();
    }

    private void startTimer() {
        if (timer != null || !scheduled || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jgateway-status-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    /** Samples of one counter, oldest first. */
    private static final class Series {

        final LongSupplier counter;
        private final ArrayDeque<long[]> samples = new ArrayDeque<>();

        Series(LongSupplier counter) {
            this.counter = counter;
        }

        void add(long time, long value) {
            samples.addLast(new long[] {time, value});
        }

        void trim(long oldestTime) {
            while (samples.size() > 1 && samples.peekFirst()[0] < oldestTime) {
                samples.removeFirst();
            }
        }

        double rate(long now, long value, long windowNanos, long minSpanNanos) {
            long[] base = null;
            for (long[] sample : samples) {
                if (now - sample[0] <= windowNanos) {
                    base = sample;
                    break;
                }
            }
            if (base == null || now - base[0] < minSpanNanos) {
                return 0;
            }
            // Counters only grow; a smaller value means the counter was replaced, not that traffic was negative.
            long delta = Math.max(0, value - base[1]);
            return delta * 1e9 / (now - base[0]);
        }
    }
}
