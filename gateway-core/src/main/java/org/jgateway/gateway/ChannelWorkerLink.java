package org.jgateway.gateway;

import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    private final AtomicLong eventsSent = new AtomicLong();
    private volatile boolean acks;
    private volatile long eventsConfirmed;

    ChannelWorkerLink(Channel channel, String key) {
        this.channel = channel;
        this.writer = new WriteBatcher(channel);
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean send(GatewayFrame event) {
        if (!channel.isActive()) {
            return false;
        }
        if (acks) {
            eventsSent.incrementAndGet();
        }
        // Events from every client loop share one flush per burst, and our control frames queue behind them. A
        // failed write (the worker went away with it queued) surfaces as exceptionCaught on the inner pipeline,
        // where it is counted: no promise per event.
        writer.write(event);
        return true;
    }

    /** Writes a frame of ours (not an event) behind every event queued so far. */
    void writeControl(GatewayFrame frame) {
        writer.write(frame);
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

    void markLeaving() {
        leaving = true;
    }

    /** The worker confirms what it handles (see {@link org.jgateway.protocol.GatewayCommand#WORKER_ACK}). */
    void enableAcks() {
        acks = true;
    }

    /** The worker's cumulative count of handled events, mod 2^32. */
    void confirmed(int handledMod32) {
        long sent = eventsSent.get();
        // Rebuild the full count from its low 32 bits: it is at most what was sent.
        long confirmed = (sent & ~0xffffffffL) | Integer.toUnsignedLong(handledMod32);
        if (confirmed > sent) {
            confirmed -= 1L << 32;
        }
        eventsConfirmed = Math.max(eventsConfirmed, confirmed);
    }

    /** Events sent and never confirmed as handled; meaningful once the connection is gone. */
    long unconfirmedEvents() {
        return acks ? Math.max(0, eventsSent.get() - eventsConfirmed) : 0;
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
