package org.jgateway.spring.actuate;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Test access to {@link RequestRateSampler}s that sample only when told to, on a fake clock. */
public final class ManualSamplers {

    private ManualSamplers() {
    }

    public static RequestRateSampler create(Duration window, Duration interval, LongSupplier nanoClock) {
        return new RequestRateSampler(window, interval, Duration.ofDays(1), nanoClock, false);
    }

    public static void sample(RequestRateSampler sampler) {
        sampler.sample();
    }

    public static boolean isSampling(RequestRateSampler sampler) {
        return sampler.isSampling();
    }
}
