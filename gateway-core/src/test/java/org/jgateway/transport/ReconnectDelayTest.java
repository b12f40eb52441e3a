package org.jgateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ReconnectDelay}: the doubling, its cap, what jitter may do, and bad arguments. */
class ReconnectDelayTest {

    @Test
    void exponentialDoublesUpToTheCap() {
        ReconnectDelay delay = ReconnectDelay.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5), 0);
        assertThat(delay.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delay.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delay.delay(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delay.delay(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delay.delay(1000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delay.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterOnlyShortensAndKeepsTheCap() {
        qt().forAll(longs().between(1, Duration.ofHours(1).toNanos()), integers().between(0, 1 << 20),
                doubles().between(0, 1), integers().between(0, 200))
                .checkAssert((initialNanos, factor, jitter, attempt) -> {
                    Duration initial = Duration.ofNanos(initialNanos);
                    Duration max = initial.multipliedBy(1 + factor);
                    Duration withoutJitter = ReconnectDelay.exponential(initial, max, 0).delay(attempt);
                    Duration chosen = ReconnectDelay.exponential(initial, max, jitter).delay(attempt);
                    assertThat(withoutJitter).isBetween(initial, max);
                    assertThat(chosen).isPositive().isLessThanOrEqualTo(withoutJitter);
                    long shortest = (long) Math.floor(withoutJitter.toNanos() * (1 - jitter)) - 1;
                    assertThat(chosen.toNanos()).isGreaterThanOrEqualTo(shortest);
                });
    }

    @Test
    void withoutJitterTheDelayNeverShrinks() {
        qt().forAll(longs().between(1, Duration.ofMinutes(1).toNanos()), integers().between(0, 100),
                integers().between(0, 100))
                .checkAssert((initialNanos, factor, attempt) -> {
                    Duration initial = Duration.ofNanos(initialNanos);
                    ReconnectDelay delay = ReconnectDelay.exponential(initial, initial.multipliedBy(1 + factor), 0);
                    assertThat(delay.delay(attempt + 1)).isGreaterThanOrEqualTo(delay.delay(attempt));
                });
    }

    @Test
    void constantIsTheSameEveryTime() {
        ReconnectDelay delay = ReconnectDelay.constant(Duration.ofMillis(300));
        assertThat(delay.delay(0)).isEqualTo(Duration.ofMillis(300));
        assertThat(delay.delay(50)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ReconnectDelay.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the initial");
        assertThatThrownBy(() -> ReconnectDelay.exponential(Duration.ZERO, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial reconnect delay");
        assertThatThrownBy(() -> ReconnectDelay.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> ReconnectDelay.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> ReconnectDelay.constant(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be positive");
    }
}
