package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The back-off after a failed accept, on the embedded event loop's own clock. */
class AcceptFailureHandlerTest {

    private final GatewayStats stats = new GatewayStats();
    private final EmbeddedChannel listener = new EmbeddedChannel(new AcceptFailureHandler(stats, "ws"));

    @Test
    void aFailedAcceptPausesAcceptingForTheBackOffThenResumes() {
        // The loop's clock moves only when the test moves it, however slow the machine.
        listener.freezeTime();
        acceptFails();
        assertThat(listener.config().isAutoRead()).isFalse();
        assertThat(stats.acceptFailures()).isEqualTo(1);
        assertThat(stats.acceptPauses()).isEqualTo(1);

        // A failure reported while paused is counted but does not start another pause.
        acceptFails();
        assertThat(stats.acceptFailures()).isEqualTo(2);
        assertThat(stats.acceptPauses()).isEqualTo(1);

        listener.advanceTimeBy(AcceptFailureHandler.BACKOFF_MILLIS - 1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isFalse();
        listener.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isTrue();

        acceptFails();
        assertThat(listener.config().isAutoRead()).isFalse();
        assertThat(stats.acceptFailures()).isEqualTo(3);
        assertThat(stats.acceptPauses()).isEqualTo(2);
        assertThat(listener.finish()).isFalse();
    }

    private void acceptFails() {
        listener.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    }
}
