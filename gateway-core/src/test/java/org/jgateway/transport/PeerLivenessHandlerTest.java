package org.jgateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keep-alives and stall detection on the embedded event loop's own clock, which moves only when the test moves it. */
class PeerLivenessHandlerTest {

    private static final long TIMEOUT_MS = 8_000;
    private static final long PING_MS = TIMEOUT_MS / 4;
    private static final String PING = "ping";

    private final AtomicInteger stalled = new AtomicInteger();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(PeerLivenessHandler.NAME,
                new PeerLivenessHandler(Duration.ofMillis(TIMEOUT_MS), PING, stalled::incrementAndGet));
    }

    @Test
    void sendsAKeepAliveEveryQuarterOfTheTimeout() {
        advance(PING_MS - 1);
        assertThat((Object) channel.readOutbound()).isNull();
        advance(1);
        assertThat((Object) channel.readOutbound()).isEqualTo(PING);
        advance(PING_MS);
        assertThat((Object) channel.readOutbound()).isEqualTo(PING);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aPeerSilentForTheTimeoutIsStalledOnceAndClosed() {
        advance(TIMEOUT_MS - 1);
        assertThat(channel.isActive()).isTrue();
        assertThat(stalled).hasValue(0);
        advance(1);
        assertThat(stalled).hasValue(1);
        assertThat(channel.isActive()).isFalse();
        advance(TIMEOUT_MS * 3);
        assertThat(stalled).hasValue(1);
    }

    @Test
    void everyReadGivesThePeerAFullTimeoutAndIsPassedOn() {
        advance(TIMEOUT_MS - 1);
        channel.writeInbound("frame");
        assertThat((Object) channel.readInbound()).isEqualTo("frame");
        advance(TIMEOUT_MS - 1);
        assertThat(channel.isActive()).isTrue();
        advance(1);
        assertThat(stalled).hasValue(1);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void silenceWhileWeDoNotReadIsNotThePeers() {
        channel.config().setAutoRead(false);
        advance(TIMEOUT_MS * 5);
        assertThat(channel.isActive()).isTrue();
        channel.config().setAutoRead(true);
        // At most one keep-alive interval of the pause counts against the peer.
        advance(TIMEOUT_MS - PING_MS - 1);
        assertThat(channel.isActive()).isTrue();
        advance(PING_MS + 1);
        assertThat(stalled).hasValue(1);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aCheckFarBehindItsTimeMeansWeWereStoppedAndThePeerGetsAFullTimeout() {
        // Our own process was stopped: the loop runs the check a whole timeout late, with nothing read meanwhile.
        channel.advanceTimeBy(TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
        assertThat(stalled).hasValue(0);
        advance(TIMEOUT_MS);
        assertThat(stalled).hasValue(1);
    }

    @Test
    void removedOrClosedItSendsNothingMore() {
        channel.pipeline().remove(PeerLivenessHandler.NAME);
        advance(TIMEOUT_MS * 2);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(stalled).hasValue(0);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void theTimeoutMustBePositive() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new PeerLivenessHandler(Duration.ZERO, PING, () -> { }));
    }

    /** Moves the clock in steps no longer than a keep-alive interval, running what falls due, as a live loop does. */
    private void advance(long millis) {
        long left = millis;
        while (left > 0) {
            long step = Math.min(left, PING_MS / 2);
            channel.advanceTimeBy(step, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            left -= step;
        }
    }
}
