package org.jgateway.spring.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A paused context (Spring's test context cache pauses the contexts it is not using, then restarts them) keeps its
 * roles running: they are single-use, so a stop on pause would leave the context unable to serve when reused.
 */
class RoleLifecyclePauseTest {

    @Test
    void aRoleKeepsRunningThroughAPauseAndARestartOfItsContext() {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        RoleLifecycle role = new RoleLifecycle(0) {
            @Override
            protected void startRole() {
                starts.incrementAndGet();
            }

            @Override
            protected void stopRole() {
                stops.incrementAndGet();
            }
        };
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("role", RoleLifecycle.class, () -> role);
            context.refresh();
            assertThat(role.isRunning()).isTrue();

            context.pause();
            context.restart();

            assertThat(role.isRunning()).isTrue();
            assertThat(starts).hasValue(1);
            assertThat(stops).hasValue(0);
        }
        assertThat(stops).hasValue(1);
    }
}
