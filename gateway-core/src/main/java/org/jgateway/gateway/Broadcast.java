package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import org.jgateway.transport.SendBatch;

/**
 * One message on its way to many clients. The message is encoded once per distinct {@link ClientMessageEncoder}
 * (once in all for raw sends) on first need, and each client gets a {@link ByteBuf#retainedDuplicate()} of that
 * buffer; {@link #close()} releases the cached buffers, so use try-with-resources.
 * <p>
 * Used from one thread. Visiting it with a client sends to that client unless its connection id is excluded.
 */
final class Broadcast implements ClientVisitor, AutoCloseable {

    private final ByteBufAllocator alloc;
    private final byte[] message;
    private final boolean raw;
    /** Sorted connection ids (u32 bits) not to send to, or null. */
    private final int[] excluded;

    // Encoders are few (one per client protocol and framing), so parallel arrays with a linear identity scan beat a
    // map; most broadcasts see exactly one encoder.
    private ClientMessageEncoder[] encoders = new ClientMessageEncoder[2];
    private ByteBuf[] encoded = new ByteBuf[2];
    private int encoderCount;
    private ByteBuf rawBuffer;
    private long sent;
    // One wake-up per event loop for all the members it serves, instead of one per member.
    private final SendBatch batch = new SendBatch();

    /**
     * @param excluded connection ids not to send to (this array is sorted in place), or null
     */
    Broadcast(ByteBufAllocator alloc, byte[] message, boolean raw, int[] excluded) {
        this.alloc = alloc;
        this.message = message;
        this.raw = raw;
        if (excluded != null && excluded.length > 0) {
            Arrays.sort(excluded);
            this.excluded = excluded;
        } else {
            this.excluded = null;
        }
    }

    @Override
    public void visit(ClientConnection client) {
        if (excluded != null && Arrays.binarySearch(excluded, client.connectionId()) >= 0) {
            return;
        }
        ClientSink sink = client.sink();
        ByteBuf bytes = raw ? rawBytes() : encodedFor(sink.encoder());
        sink.send(bytes.retainedDuplicate(), batch);
        sent++;
    }

    /** Number of clients the message was handed to. */
    long sent() {
        return sent;
    }

    private ByteBuf rawBytes() {
        if (rawBuffer == null) {
            rawBuffer = alloc.buffer(message.length).writeBytes(message);
        }
        return rawBuffer;
    }

    private ByteBuf encodedFor(ClientMessageEncoder encoder) {
        for (int i = 0; i < encoderCount; i++) {
            if (encoders[i] == encoder) {
                return encoded[i];
            }
        }
        ByteBuf bytes = encoder.encode(alloc, message);
        if (encoderCount == encoders.length) {
            encoders = Arrays.copyOf(encoders, encoderCount * 2);
            encoded = Arrays.copyOf(encoded, encoderCount * 2);
        }
        encoders[encoderCount] = encoder;
        encoded[encoderCount++] = bytes;
        return bytes;
    }

    @Override
    public void close() {
        batch.flush();
        if (rawBuffer != null) {
            rawBuffer.release();
            rawBuffer = null;
        }
        for (int i = 0; i < encoderCount; i++) {
            encoded[i].release();
            encoded[i] = null;
        }
        encoderCount = 0;
    }
}
