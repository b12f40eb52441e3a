package org.jgateway.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a {@link ConnectionWatchdog} waits before a reconnect attempt, by the number of attempts made since the
 * last successful connection (Lettuce's {@code Delay}).
 */
@FunctionalInterface
public interface ReconnectDelay {

    /**
     * The delay before attempt {@code attempt}.
     *
     * @param attempt 0 for the first attempt after a connection was lost or a first one failed
     * @return a positive delay
     */
    Duration delay(int attempt);

    /** The same delay before every attempt. */
    static ReconnectDelay constant(Duration delay) {
        positive(delay, "delay");
        return attempt -> delay;
    }

    /**
     * {@code initial}, doubling with each attempt up to {@code max}; then up to {@code jitter} of each delay is taken
     * off at random. Jitter only ever shortens a delay, so the cap holds; it keeps the peers of a cluster from
     * reconnecting in lockstep when a process they all lost comes back.
     *
     * @param jitter 0 (none) to 1
     * @throws IllegalArgumentException if a delay is not positive, {@code max} is shorter than {@code initial}, or
     *         {@code jitter} is outside 0 to 1
     */
    static ReconnectDelay exponential(Duration initial, Duration max, double jitter) {
        long initialNanos = positive(initial, "initial reconnect delay").toNanos();
        long maxNanos = positive(max, "max reconnect delay").toNanos();
        if (maxNanos < initialNanos) {
            throw new IllegalArgumentException("max reconnect delay " + max + " is shorter than the initial " + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("reconnect jitter must be between 0 and 1, got " + jitter);
        }
        return attempt -> {
            // Shifting into the sign bit would overflow: the cap is reached long before.
            long delay = attempt >= Long.numberOfLeadingZeros(initialNanos)
                    ? maxNanos
                    : Math.min(maxNanos, initialNanos << attempt);
            if (jitter > 0) {
                delay -= (long) (delay * jitter * ThreadLocalRandom.current().nextDouble());
            }
            return Duration.ofNanos(Math.max(1, delay));
        };
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
