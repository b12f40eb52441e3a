package org.jgateway.gateway;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.transport.WriteBatcher;

/** A worker connected over an inner TCP connection. */
final class ChannelWorkerLink implements WorkerLink {

    private final Channel channel;
    private final WriteBatcher writer;
    private final String key;
    private final AtomicInteger boundClients = new AtomicInteger();
    private final Queue<Runnable> writableWaiters = new ConcurrentLinkedQueue<>();
    private volatile boolean leaving;
    private final GatewayStats stats;
    /** Set once, when the worker asks to confirm what it handles; null for workers that never confirm (PHP). */
    private volatile UnconfirmedEvents unconfirmed;

    ChannelWorkerLink(Channel channel, String key, GatewayStats stats) {
        this.channel = channel;
        this.writer = new WriteBatcher(channel);
        this.key = key;
        this.stats = stats;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean send(ClientConnection client, GatewayFrame event) {
        if (!channel.isActive()) {
            return false;
        }
        UnconfirmedEvents buffer = unconfirmed;
        if (buffer == null) {
            // Never confirmed, so never redelivered: the redelivery mark is ours, a PHP worker gets the plain event.
            writer.write(event.withFlag(event.flag() & ~GatewayFlags.REDELIVERY));
            return true;
        }
        // Events from every client loop share one flush per burst, and our control frames queue behind them. A
        // failed write (the worker went away with it queued) surfaces as exceptionCaught on the inner pipeline,
        // where it is counted: no promise per event. The write is queued under the buffer's lock, so the buffer's
        // order is the order on the wire, the order the worker's watermark counts in.
        synchronized (buffer) {
            if (leaving || buffer.isDead()) {
                // Nothing goes behind the confirmation of the worker's leave: it would be the worker's to handle
                // after it believes it has everything.
                return false;
            }
            if (!buffer.add(client, event)) {
                stats.eventsNotKept.increment();
            }
            client.lastEventSeq = buffer.lastSeq();
            writer.write(event);
        }
        return true;
    }

    /**
     * The worker is stopping: no new client is bound here, bound clients move on at their next event (once this link
     * confirmed their earlier ones, {@link #whenConfirmed}), and {@code confirmation} is written behind every event
     * queued so far, the last frame of ours the worker reads.
     */
    void leave(GatewayFrame confirmation) {
        UnconfirmedEvents buffer = unconfirmed;
        if (buffer == null) {
            leaving = true;
            writer.write(confirmation);
            return;
        }
        // Under the lock events are queued under: an event is either before the confirmation or not sent here.
        synchronized (buffer) {
            leaving = true;
            writer.write(confirmation);
        }
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** No new client is bound here and bound clients move on at their next event (the worker is stopping). */
    @Override
    public boolean isOpen() {
        return !leaving && channel.isActive();
    }

    /**
     * The worker confirms what it handles (see {@link org.jgateway.protocol.GatewayCommand#WORKER_ACK}); {@code budget}
     * holds the events it was sent until it confirms them (at-least-once), or is null (the worker asked for
     * at-most-once: unconfirmed events are only counted when it dies).
     */
    void enableAcks(UnconfirmedBudget budget) {
        unconfirmed = new UnconfirmedEvents(budget);
    }

    /** The worker's watermark, mod 2^32: every event it was sent before that one is handled. */
    void confirmed(int watermarkMod32) {
        UnconfirmedEvents buffer = unconfirmed;
        if (buffer != null) {
            buffer.confirmed(watermarkMod32);
        }
    }

    /**
     * The connection is gone: from now on nothing is sent here and each client can take its unconfirmed events.
     *
     * @return the clients that have events to take
     */
    Set<ClientConnection> died() {
        UnconfirmedEvents buffer = unconfirmed;
        return buffer == null ? Set.of() : buffer.died();
    }

    /** Once {@link #died()}: events sent and never confirmed that were not kept, so are lost. */
    long lostEvents() {
        UnconfirmedEvents buffer = unconfirmed;
        return buffer == null ? 0 : buffer.lost();
    }

    @Override
    public boolean whenConfirmed(ClientConnection client, Runnable task) {
        UnconfirmedEvents buffer = unconfirmed;
        return buffer != null && channel.isActive() && buffer.whenConfirmed(client.lastEventSeq, task);
    }

    @Override
    public boolean whenHandled(ClientConnection client, Runnable task) {
        UnconfirmedEvents buffer = unconfirmed;
        if (buffer == null || !channel.isActive() || buffer.isDead()) {
            return false;
        }
        // The worker confirms after the commands its callbacks sent, on this connection: they are executed first.
        // Waiters also wake when the link dies; the events are then not handled, so the task does not run.
        if (!buffer.whenConfirmed(client.lastEventSeq, () -> {
            if (!buffer.isDead()) {
                task.run();
            }
        })) {
            task.run();
        }
        return true;
    }

    @Override
    public boolean allConfirmed() {
        UnconfirmedEvents buffer = unconfirmed;
        return buffer == null || !channel.isActive() || buffer.allConfirmed();
    }

    /** Whether every event sent here is either confirmed, or redelivered or counted as lost when the link dies. */
    boolean accountsForEvents() {
        return unconfirmed != null;
    }

    @Override
    public List<GatewayFrame> takeUnconfirmed(ClientConnection client) {
        UnconfirmedEvents buffer = unconfirmed;
        if (buffer == null) {
            return List.of();
        }
        if (!channel.isActive()) {
            // The client found the link dead before the inner loop ran channelInactive: it must not wait for that.
            buffer.died();
        }
        return buffer.takeFor(client);
    }

    @Override
    public void whenWritable(Runnable task) {
        writableWaiters.add(task);
        if (channel.isWritable() || !channel.isActive()) {
            runWritableWaiters();
        }
    }

    /** Called when the channel became writable or closed. */
    void runWritableWaiters() {
        Runnable task;
        while ((task = writableWaiters.poll()) != null) {
            task.run();
        }
    }

    @Override
    public int boundClients() {
        return boundClients.get();
    }

    @Override
    public void adjustBoundClients(int delta) {
        boundClients.addAndGet(delta);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "worker " + key;
    }
}
