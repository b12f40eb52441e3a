package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.PeerTimeout;
import org.jgateway.transport.PeerLivenessHandler;
import org.junit.jupiter.api.Test;

/** The gateway's half of the peer-timeout agreement on an inner connection, on the embedded loop's clock. */
class WorkerLivenessHandlerTest {

    private final GatewayStats stats = new GatewayStats();
    private final EmbeddedChannel inner = new EmbeddedChannel();

    WorkerLivenessHandlerTest() {
        inner.freezeTime();
        inner.pipeline().addLast("workerLiveness", new WorkerLivenessHandler(Duration.ofSeconds(5), stats));
    }

    @Test
    void aWorkerThatAnnouncesATimeoutGetsTheLongerOneBackAndIsClosedWhenItStalls() {
        GatewayFrame connect = workerConnect("{\"worker_key\":\"W:1\",\"secret_key\":\"\",\"peer_timeout\":8000}");
        inner.writeInbound(connect);

        // The frame goes on to the gateway's handler; the answer carries the agreed (longer) timeout.
        assertThat((Object) inner.readInbound()).isEqualTo(connect);
        GatewayFrame answer = inner.readOutbound();
        assertThat(answer.cmd()).isEqualTo(GatewayCommand.PING);
        assertThat(answer.extAsString()).isEqualTo("{\"peer_timeout\":8000}");
        assertThat(PeerTimeout.answered(answer)).isEqualTo(Duration.ofSeconds(8));
        assertThat(inner.pipeline().get("workerLiveness")).isNull();
        assertThat(inner.pipeline().get(PeerLivenessHandler.NAME)).isNotNull();

        // Plain keep-alives every quarter of it.
        inner.advanceTimeBy(2, TimeUnit.SECONDS);
        inner.runScheduledPendingTasks();
        assertThat((Object) inner.readOutbound()).isEqualTo(PeerTimeout.PING);

        inner.writeInbound(PeerTimeout.PING);
        inner.readInbound();
        for (int i = 0; i < 4; i++) {
            inner.advanceTimeBy(2, TimeUnit.SECONDS);
            inner.runScheduledPendingTasks();
        }
        assertThat(stats.workersStalled()).isEqualTo(1);
        assertThat(inner.isActive()).isFalse();
    }

    @Test
    void aWorkerThatAnnouncesNothingIsNeverChecked() {
        GatewayFrame connect = workerConnect("{\"worker_key\":\"Php:1\",\"secret_key\":\"\"}");
        inner.writeInbound(connect);

        assertThat((Object) inner.readInbound()).isEqualTo(connect);
        assertThat((Object) inner.readOutbound()).isNull();
        assertThat(inner.pipeline().get("workerLiveness")).isNull();
        assertThat(inner.pipeline().get(PeerLivenessHandler.NAME)).isNull();
        inner.advanceTimeBy(1, TimeUnit.HOURS);
        inner.runScheduledPendingTasks();
        assertThat(inner.isActive()).isTrue();
        assertThat((Object) inner.readOutbound()).isNull();
    }

    @Test
    void anApiClientIsNeverChecked() {
        GatewayFrame connect = GatewayFrame.command(GatewayCommand.GATEWAY_CLIENT_CONNECT, 0, 0, null,
                "{\"secret_key\":\"\",\"peer_timeout\":8000}".getBytes(StandardCharsets.UTF_8));
        inner.writeInbound(connect);

        assertThat((Object) inner.readOutbound()).isNull();
        assertThat(inner.pipeline().get(PeerLivenessHandler.NAME)).isNull();
    }

    @Test
    void aMalformedAnnouncementIsIgnored() {
        inner.writeInbound(workerConnect("{\"worker_key\":\"W:1\",\"peer_timeout\":\"soon\"}"));

        assertThat((Object) inner.readOutbound()).isNull();
        assertThat(inner.pipeline().get(PeerLivenessHandler.NAME)).isNull();
    }

    private static GatewayFrame workerConnect(String json) {
        return GatewayFrame.scalarCommand(GatewayCommand.WORKER_CONNECT, 0, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
