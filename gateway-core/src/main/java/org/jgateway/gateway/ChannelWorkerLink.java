package org.jgateway.gateway;

import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.protocol.GatewayFrame;

/** A worker connected over an inner TCP connection. */
final class ChannelWorkerLink implements WorkerLink {

    private final Channel channel;
    private final String key;
    private final AtomicInteger boundClients = new AtomicInteger();
    private final Queue<Runnable> writableWaiters = new ConcurrentLinkedQueue<>();
    private volatile boolean leaving;

    ChannelWorkerLink(Channel channel, String key) {
        this.channel = channel;
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
        // A failed write (the worker went away with it queued) surfaces as exceptionCaught on the inner
        // pipeline, where it is counted: no promise per event.
        channel.writeAndFlush(event, channel.voidPromise());
        return true;
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
