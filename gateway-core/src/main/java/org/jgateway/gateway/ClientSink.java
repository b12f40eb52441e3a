package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.jgateway.transport.SendBatch;
import org.jspecify.annotations.Nullable;

/**
 * The outbound side of one client connection, as the gateway's command handling sees it. Every method may be called
 * from any thread.
 */
public interface ClientSink {

    /** The encoder for this client's protocol; clients with the same instance receive identical bytes. */
    ClientMessageEncoder encoder();

    /**
     * Writes bytes already encoded (or raw) to the client. Takes ownership of {@code bytes} (release on any failure).
     * Applies the slow-consumer policy: if the client's outbound buffer is over its limit the message is dropped, or
     * the client closed, and counted.
     */
    void send(ByteBuf bytes);

    /**
     * Like {@link #send(ByteBuf)} during a broadcast: the flush is left to {@code batch}, which wakes each event loop
     * once for all the members it serves.
     */
    default void send(ByteBuf bytes, SendBatch batch) {
        send(bytes);
    }

    /** Writes {@code goodbye} (encoded; may be null for none), then closes once it is flushed. Takes ownership. */
    void close(@Nullable ByteBuf goodbye);

    /** Closes at once, discarding queued output. */
    void destroy();

    /**
     * Marks the connection as closed because the server goes away (shutdown, unanswered heartbeat), before
     * {@link #close} or {@link #destroy}: a WebSocket client's Close frame then says 1001 (going away), not 1000.
     */
    void goingAway();

    /** The event loop this client's I/O runs on; per-client state such as held events is touched only there. */
    EventLoop eventLoop();

    /** Completes once the connection is closed. */
    Future<Void> closeFuture();

    /**
     * Stops reading from the client (TCP backpressure) until {@link #resumeReading()}.
     *
     * @return false if reading was stopped already
     */
    boolean pauseReading();

    /** Resumes reading, unless reading was {@linkplain #stopReading() stopped for good}. */
    void resumeReading();

    /**
     * Stops reading from the client for good (the gateway shuts down): nothing more is read, so nothing is read and
     * then dropped; {@link #resumeReading()} no longer resumes. Call on {@link #eventLoop()}.
     */
    void stopReading();

    /**
     * Bytes held for this client and not yet written to its socket: queued plus its outbound buffer (the bytes
     * themselves, without Netty's per-message accounting). Call on {@link #eventLoop()}.
     */
    long pendingBytes();
}
