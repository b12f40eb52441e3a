package org.jgateway.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * One generator connection: ready once connected (text) or once the WebSocket handshake completed. Sends frame
 * messages itself (see {@link Framing}); scenarios may keep per-connection state in {@link #attachment}.
 */
public final class BenchConnection {

    private final Framing framing;
    private final Promise<BenchConnection> ready = ImmediateEventExecutor.INSTANCE.newPromise();
    private final int index;
    private volatile Channel channel;
    /** Scenario state for this connection (e.g. messages sent); only touched on the connection's event loop. */
    public long counter;
    /** Set by writes that left flushing to the end of the current read batch ({@link #sendLater}). */
    private boolean flushPending;
    /** Set once this side sent a WebSocket Close frame: the server's Close then ends nothing, its TCP close does. */
    volatile boolean closeHandshakeStarted;

    BenchConnection(Framing framing, int index) {
        this.framing = framing;
        this.index = index;
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    public Channel channel() {
        return channel;
    }

    /** The index the scenario gave this connection when it opened it. */
    public int index() {
        return index;
    }

    public Future<BenchConnection> ready() {
        return ready;
    }

    void markReady() {
        ready.trySuccess(this);
    }

    void fail(Throwable cause) {
        ready.tryFailure(cause);
    }

    /** Sends a timestamped payload of {@code size} bytes (see {@link Payloads}); flushes when {@code flush}. */
    public void sendTimestamped(long seq, int size, boolean flush) {
        int length = Math.max(size, Payloads.PREFIX);
        ByteBuf out = channel.alloc().ioBuffer(length + framing.overhead(length));
        framing.header(out, length);
        Payloads.write(out, Payloads.now(), seq, length);
        framing.trailer(out);
        write(out, flush);
    }

    /**
     * Sends {@code prefix + timestamped payload + suffix} as one message, e.g. a {@code say} command whose msg
     * carries the send time {@code nanos} (from {@link Payloads#now()}).
     */
    public void sendWrapped(byte[] prefix, long nanos, long seq, int size, byte[] suffix, boolean flush) {
        int payload = Math.max(size, Payloads.PREFIX);
        int length = prefix.length + payload + suffix.length;
        ByteBuf out = channel.alloc().ioBuffer(length + framing.overhead(length));
        framing.header(out, length);
        out.writeBytes(prefix);
        Payloads.write(out, nanos, seq, payload);
        out.writeBytes(suffix);
        framing.trailer(out);
        write(out, flush);
    }

    /**
     * Like {@link #sendTimestamped} without flushing: the write is flushed when the current batch of reads ends, so
     * that the replies to all messages of one read() leave in one write(). Call on the connection's event loop only.
     */
    public void sendLater(long seq, int size) {
        sendTimestamped(seq, size, false);
        flushPending = true;
    }

    /** Flushes what {@link #sendLater} wrote; called by the pipeline at the end of each read batch. */
    void flushIfPending() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    public ChannelFuture send(byte[] message) {
        ByteBuf out = channel.alloc().ioBuffer(message.length + framing.overhead(message.length));
        framing.header(out, message.length);
        out.writeBytes(message);
        framing.trailer(out);
        return channel.writeAndFlush(out);
    }

    private void write(ByteBuf out, boolean flush) {
        if (flush) {
            channel.writeAndFlush(out, channel.voidPromise());
        } else {
            channel.write(out, channel.voidPromise());
        }
    }

    public void flush() {
        channel.flush();
    }

    public ChannelFuture close() {
        return channel.close();
    }

    /**
     * Closes as a browser does (RFC 6455 7.1.2): a masked Close frame with status 1000, then waiting for the server's
     * Close frame and for the server to close the TCP connection. Text connections have no close handshake: they
     * just close, as {@link #close()}.
     */
    public void closeHandshake() {
        if (framing != Framing.WEBSOCKET) {
            channel.close();
            return;
        }
        closeHandshakeStarted = true;
        ByteBuf out = channel.alloc().ioBuffer(8);
        out.writeByte(0x88); // FIN + close opcode
        out.writeByte(0x80 | 2); // masked, 2-byte body
        out.writeInt(0); // masking key (all zero: the body goes as it is)
        out.writeShort(1000);
        channel.writeAndFlush(out, channel.voidPromise());
    }
}
