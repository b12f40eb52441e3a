package org.jgateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReconnectWatchdog}: backoff, jitter, reset and stop. */
class RegisterReconnectWatchdogTest {

    private final EventExecutor executor = new DefaultEventExecutor();

    @AfterEach
    void shutdown() {
        executor.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        ReconnectWatchdog watchdog = new ReconnectWatchdog(executor, Duration.ofSeconds(1), Duration.ofSeconds(5), 0,
                () -> { });
        assertThat(watchdog.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(watchdog.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(watchdog.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(watchdog.backoff(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(watchdog.backoff(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void reconnectsAfterTheDelayAndResets() {
        AtomicInteger attempts = new AtomicInteger();
        ReconnectWatchdog watchdog = new ReconnectWatchdog(executor, Duration.ofMillis(20), Duration.ofMillis(50), 0,
                attempts::incrementAndGet);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(20));
        // One pending attempt at a time.
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(40));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 2);
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        assertThat(watchdog.attempts()).isEqualTo(3);

        watchdog.reset();
        assertThat(watchdog.attempts()).isZero();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 4);
    }

    @Test
    void jitterOnlyShortens() {
        ReconnectWatchdog watchdog = new ReconnectWatchdog(executor, Duration.ofSeconds(10), Duration.ofSeconds(10),
                0.2, () -> { });
        for (int i = 0; i < 20; i++) {
            Duration delay = watchdog.scheduleReconnect();
            assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
            watchdog.stop();
            watchdog = new ReconnectWatchdog(executor, Duration.ofSeconds(10), Duration.ofSeconds(10), 0.2, () -> { });
        }
        watchdog.stop();
    }

    @Test
    void stopCancelsAndRefuses() {
        AtomicInteger attempts = new AtomicInteger();
        ReconnectWatchdog watchdog = new ReconnectWatchdog(executor, Duration.ofMillis(50), Duration.ofMillis(50), 0,
                attempts::incrementAndGet);
        watchdog.scheduleReconnect();
        watchdog.stop();
        assertThat(watchdog.scheduleReconnect()).isEqualTo(Duration.ZERO);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> attempts.get() == 0);
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> new ReconnectWatchdog(executor, Duration.ofSeconds(2), Duration.ofSeconds(1), 0,
                () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectWatchdog(executor, Duration.ZERO, Duration.ofSeconds(1), 0,
                () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectWatchdog(executor, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5,
                () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
