package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GatewayWorker's heartbeat, tick by tick (reference §10). */
class HeartbeatTest {

    private final TextEncoder encoder = new TextEncoder();
    private final List<ClientConnection> clients = new ArrayList<>();
    private final GatewayStats stats = new GatewayStats();

    private Heartbeat heartbeat(int limit, String pingData) {
        return new Heartbeat(clients, Duration.ofSeconds(2), limit, pingData.getBytes(StandardCharsets.UTF_8), stats,
                ByteBufAllocator.DEFAULT);
    }

    private RecordingSink connect(Heartbeat heartbeat) {
        RecordingSink sink = new RecordingSink(encoder);
        ClientConnection client = new ClientConnection(clients.size() + 1, sink, 0, 0, 0, "test");
        client.lastMessageTick = heartbeat.currentTick();
        clients.add(client);
        return sink;
    }

    @Test
    void withALimitASilentClientIsPingedEveryIntervalAndDestroyedAtTick2NPlus2() {
        Heartbeat heartbeat = heartbeat(2, "ping");
        RecordingSink sink = connect(heartbeat);
        List<String> timeline = new ArrayList<>();
        for (int tick = 1; tick <= 7; tick++) {
            int before = sink.received().size();
            heartbeat.tick();
            timeline.add(sink.destroyed() ? "x" : sink.received().size() > before ? "p" : ".");
            if (sink.destroyed()) {
                break;
            }
        }
        // Ticks are half an interval apart: pings at ticks 3 and 5 (every interval), destroyed at tick 2N+2 = 6.
        assertThat(String.join("", timeline)).isEqualTo("..p.px");
        assertThat(stats.heartbeatClosed()).isEqualTo(1);
    }

    @Test
    void aMessageResetsTheCounter() {
        Heartbeat heartbeat = heartbeat(1, "ping");
        RecordingSink sink = connect(heartbeat);
        ClientConnection client = clients.get(0);
        for (int i = 0; i < 10; i++) {
            heartbeat.tick();
            heartbeat.tick();
            client.lastMessageTick = heartbeat.currentTick();
        }
        assertThat(sink.destroyed()).isFalse();
        assertThat(sink.received()).isEmpty();
        heartbeat.tick();
        heartbeat.tick();
        heartbeat.tick();
        assertThat(sink.received()).containsExactly("ping\n");
        heartbeat.tick();
        assertThat(sink.destroyed()).isTrue();
    }

    @Test
    void withoutALimitTheGatewayOnlyPingsAndNeverCloses() {
        Heartbeat heartbeat = heartbeat(0, "ping");
        RecordingSink sink = connect(heartbeat);
        for (int i = 0; i < 5; i++) {
            heartbeat.tick();
        }
        // The first tick after the last message only zeroes the counter; every later tick pings.
        assertThat(sink.received()).hasSize(4);
        assertThat(sink.destroyed()).isFalse();
    }

    @Test
    void withoutPingDataTheClientMustTalkOrBeClosed() {
        Heartbeat heartbeat = heartbeat(1, "");
        RecordingSink sink = connect(heartbeat);
        assertThat(heartbeat.enabled()).isTrue();
        for (int i = 0; i < 3; i++) {
            heartbeat.tick();
        }
        assertThat(sink.destroyed()).isFalse();
        heartbeat.tick();
        assertThat(sink.destroyed()).isTrue();
        // A WebSocket client is told 1001: the server gives up on it.
        assertThat(sink.markedGoingAway()).isTrue();
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void disabledWithoutIntervalOrWithNothingToDo() {
        assertThat(new Heartbeat(clients, Duration.ZERO, 1, new byte[0], stats, ByteBufAllocator.DEFAULT).enabled()).isFalse();
        assertThat(heartbeat(0, "").enabled()).isFalse();
    }

    @Test
    void thePingIsEncodedOncePerTickForAllClients() {
        Heartbeat heartbeat = heartbeat(0, "ping");
        for (int i = 0; i < 5; i++) {
            connect(heartbeat);
        }
        heartbeat.tick();
        heartbeat.tick();
        assertThat(encoder.calls.get()).isEqualTo(1);
    }
}
