package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketPassesOneSecondsWorthThenRefillsContinuously() {
        TokenBucket bucket = new TokenBucket(4, 0);
        for (int i = 0; i < 4; i++) {
            assertThat(bucket.tryTake(0)).isTrue();
        }
        assertThat(bucket.tryTake(0)).isFalse();
        // A quarter of a second brings back one token, not before.
        assertThat(bucket.tryTake(SECOND / 4 - 1)).isFalse();
        assertThat(bucket.tryTake(SECOND / 4)).isTrue();
        assertThat(bucket.tryTake(SECOND / 4)).isFalse();
    }

    @Test
    void refillStopsAtOneSecondsWorth() {
        TokenBucket bucket = new TokenBucket(3, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.isFull(0)).isFalse();
        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        int taken = 0;
        while (bucket.tryTake(100 * SECOND)) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void aClockGoingBackwardsAddsNothing() {
        TokenBucket bucket = new TokenBucket(1, SECOND);
        assertThat(bucket.tryTake(SECOND)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(SECOND)).isFalse();
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new TokenBucket(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
