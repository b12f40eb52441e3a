package org.jgateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

/** The number of loops {@code gateway.event-loop-threads} gives, and who shuts a group down. */
class EventLoopResourcesTest {

    @Test
    void defaultIsOneLoopPerTwoCoresAndAtLeastOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(EventLoopResources.defaultThreads()).isEqualTo(Math.max(1, cores / 2));
        try (EventLoopResources loops = EventLoopResources.create(EventLoopResources.DEFAULT_THREADS, "default-test")) {
            assertThat(loopCount(loops.group())).isEqualTo(EventLoopResources.defaultThreads());
        }
    }

    @Test
    void anExplicitCountIsKept() {
        try (EventLoopResources loops = EventLoopResources.create(3, "three-test")) {
            assertThat(loopCount(loops.group())).isEqualTo(3);
        }
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> EventLoopResources.create(-1, "negative-test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void onlyTheOwnerShutsTheGroupDown() {
        EventLoopResources owner = EventLoopResources.create(1, "owner-test");
        owner.borrowed().close();
        assertThat(owner.group().isShuttingDown()).isFalse();
        owner.close();
        assertThat(owner.group().isShuttingDown()).isTrue();
    }

    private static int loopCount(EventLoopGroup group) {
        int count = 0;
        for (EventExecutor ignored : group) {
            count++;
        }
        return count;
    }
}
