package org.jgateway.gateway;

/**
 * A rate limit of {@code ratePerSecond} holding at most one second's worth of tokens, refilled continuously. Not
 * thread-safe: each instance is used by one thread at a time (a connection's event loop, or under a map's lock).
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    /** Tokens in billionths, so that refills of a few microseconds are not lost to rounding. */
    private long nanoTokens;
    private long lastRefill;

    /** A full bucket at {@code now} (nanoseconds, as {@link System#nanoTime()}). */
    TokenBucket(int ratePerSecond, long now) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.nanoTokens = capacity();
        this.lastRefill = now;
    }

    /** Takes one token if there is one at {@code now}. */
    boolean tryTake(long now) {
        refill(now);
        if (nanoTokens < NANOS_PER_SECOND) {
            return false;
        }
        nanoTokens -= NANOS_PER_SECOND;
        return true;
    }

    /** Whether the bucket is full again at {@code now}: it then says nothing its absence would not. */
    boolean isFull(long now) {
        refill(now);
        return nanoTokens >= capacity();
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            return;
        }
        lastRefill = now;
        // elapsed × rate can overflow after ~290 years / rate; a second or more refills the bucket anyway.
        long added = elapsed >= NANOS_PER_SECOND ? capacity() : elapsed * ratePerSecond;
        nanoTokens = Math.min(capacity(), nanoTokens + added);
    }

    private long capacity() {
        return ratePerSecond * NANOS_PER_SECOND;
    }
}
