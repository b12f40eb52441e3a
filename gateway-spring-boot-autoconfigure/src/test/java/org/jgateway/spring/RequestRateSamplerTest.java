package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jgateway.spring.actuate.ManualSamplers;
import org.jgateway.spring.actuate.RequestRateSampler;
import org.junit.jupiter.api.Test;

class RequestRateSamplerTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(100 * SECOND);
    private final AtomicLong counter = new AtomicLong();
    private final RequestRateSampler sampler = ManualSamplers.create(Duration.ofSeconds(5), Duration.ofSeconds(1),
            now::get);

    @Test
    void isZeroUntilOneIntervalWasSampled() {
        assertThat(sampler.rate(counter, counter::get)).isZero();
        counter.addAndGet(50);
        advance(SECOND / 2);
        assertThat(sampler.rate(counter, counter::get)).isZero();
    }

    @Test
    void averagesOverTheWindow() {
        sampler.rate(counter, counter::get);
        for (int i = 0; i < 3; i++) {
            counter.addAndGet(10);
            advance(SECOND);
            ManualSamplers.sample(sampler);
        }
        assertThat(sampler.rate(counter, counter::get)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void forgetsTrafficOlderThanTheWindow() {
        sampler.rate(counter, counter::get);
        counter.addAndGet(1000);
        for (int i = 0; i < 8; i++) {
            advance(SECOND);
            ManualSamplers.sample(sampler);
        }
        counter.addAndGet(20);
        // Only the last 5 s count: the burst before them is out of the window.
        assertThat(sampler.rate(counter, counter::get)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void keepsOneRatePerKey() {
        AtomicLong other = new AtomicLong();
        sampler.rate(counter, counter::get);
        sampler.rate(other, other::get);
        counter.addAndGet(30);
        other.addAndGet(3);
        advance(3 * SECOND);
        ManualSamplers.sample(sampler);
        assertThat(sampler.rate(counter, counter::get)).isCloseTo(10.0, within(1e-9));
        assertThat(sampler.rate(other, other::get)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void samplesOnlyWhileRead() {
        try (RequestRateSampler timed = new RequestRateSampler(Duration.ofMillis(200), Duration.ofMillis(20),
                Duration.ofMillis(300))) {
            assertThat(ManualSamplers.isSampling(timed)).isFalse();
            timed.rate(counter, counter::get);
            assertThat(ManualSamplers.isSampling(timed)).isTrue();
            counter.addAndGet(100);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> timed.rate(counter, counter::get) > 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> !ManualSamplers.isSampling(timed));
            // A read after the idle stop starts over.
            assertThat(timed.rate(counter, counter::get)).isZero();
            assertThat(ManualSamplers.isSampling(timed)).isTrue();
        }
    }

    private void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
