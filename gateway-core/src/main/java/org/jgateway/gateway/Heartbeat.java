package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GatewayWorker's heartbeat, tick for tick (reference §10): one timer per gateway with period
 * {@code pingNotResponseLimit > 0 ? pingInterval / 2 : pingInterval}; a client's counter is -1 after each application
 * message; on each tick a client whose counter reached {@code 2 × limit} is closed, otherwise the counter grows and
 * {@code pingData} is sent when it is non-zero and (with a limit) even.
 * <p>
 * Instead of a counter written by every tick for every client, each client remembers the tick count at its last
 * message ({@link ClientConnection#lastMessageTick}); the counter is derived from the distance, so a message costs
 * one volatile write and the timer never races with the client's event loop.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final Iterable<ClientConnection> clients;
    private final int limit;
    private final byte[] pingData;
    private final long periodNanos;
    private final GatewayStats stats;
    private final ByteBufAllocator alloc;
    private volatile int ticks;
    private ScheduledFuture<?> timer;

    Heartbeat(Iterable<ClientConnection> clients, Duration pingInterval, int pingNotResponseLimit, byte[] pingData,
            GatewayStats stats, ByteBufAllocator alloc) {
        this.clients = clients;
        this.limit = pingNotResponseLimit;
        this.pingData = pingData;
        long interval = pingInterval.toNanos();
        this.periodNanos = pingNotResponseLimit > 0 ? interval / 2 : interval;
        this.stats = stats;
        this.alloc = alloc;
    }

    boolean enabled() {
        return periodNanos > 0 && (limit > 0 || pingData.length > 0);
    }

    /** The tick count to store in a client at connect and after each application message. */
    int currentTick() {
        return ticks;
    }

    void start(EventExecutor executor) {
        if (enabled()) {
            timer = executor.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void tick() {
        int tick = ++ticks;
        Map<ClientMessageEncoder, ByteBuf> encodedPings = null;
        try {
            for (ClientConnection client : clients) {
                // Counter before this tick's increment, as GatewayWorker's pingNotResponseCount.
                int counter = tick - client.lastMessageTick - 2;
                if (limit > 0 && counter >= 2 * limit) {
                    stats.heartbeatClosed.increment();
                    log.debug("Heartbeat: closing client {} silent for {} ticks", client.connectionId(), counter + 1);
                    client.sink().goingAway();
                    client.sink().destroy();
                    continue;
                }
                counter++;
                if (pingData.length > 0 && counter != 0 && !(limit > 0 && (counter & 1) == 1)) {
                    if (encodedPings == null) {
                        encodedPings = new IdentityHashMap<>(4);
                    }
                    ClientMessageEncoder encoder = client.sink().encoder();
                    ByteBuf ping = encodedPings.get(encoder);
                    if (ping == null) {
                        ping = encoder.encode(alloc, pingData);
                        encodedPings.put(encoder, ping);
                    }
                    client.sink().send(ping.retainedDuplicate());
                }
            }
        } catch (RuntimeException e) {
            log.error("Heartbeat tick failed", e);
        } finally {
            if (encodedPings != null) {
                encodedPings.values().forEach(ByteBuf::release);
            }
        }
    }
}
