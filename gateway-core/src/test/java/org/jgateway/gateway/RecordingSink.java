package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client sink that records what it is given as text and releases every buffer at once; its event loop, close future
 * and reading switch are those of an {@link EmbeddedChannel}, closed by {@link #destroy()}.
 */
class RecordingSink implements ClientSink {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    private final ClientMessageEncoder encoder;
    private final List<String> received = new ArrayList<>();
    private String goodbye;
    private boolean closed;
    private boolean destroyed;
    private boolean goingAway;

    RecordingSink(ClientMessageEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public ClientMessageEncoder encoder() {
        return encoder;
    }

    @Override
    public synchronized void send(ByteBuf bytes) {
        try {
            received.add(bytes.toString(StandardCharsets.UTF_8));
        } finally {
            bytes.release();
        }
    }

    @Override
    public synchronized void close(ByteBuf goodbye) {
        closed = true;
        if (goodbye != null) {
            try {
                this.goodbye = goodbye.toString(StandardCharsets.UTF_8);
            } finally {
                goodbye.release();
            }
        }
    }

    @Override
    public synchronized void goingAway() {
        goingAway = true;
    }

    @Override
    public synchronized void destroy() {
        destroyed = true;
        channel.close();
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    private boolean readingStopped;

    @Override
    public Future<Void> closeFuture() {
        return channel.closeFuture();
    }

    @Override
    public boolean pauseReading() {
        boolean reading = channel.config().isAutoRead();
        channel.config().setAutoRead(false);
        return reading;
    }

    @Override
    public void resumeReading() {
        if (!readingStopped) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void stopReading() {
        readingStopped = true;
        channel.config().setAutoRead(false);
    }

    /** Nothing is held: what is sent is recorded and released at once. */
    @Override
    public long pendingBytes() {
        return 0;
    }

    /** Runs the tasks queued on the client's event loop. */
    void runPendingTasks() {
        channel.runPendingTasks();
    }

    synchronized List<String> received() {
        return new ArrayList<>(received);
    }

    synchronized String goodbye() {
        return goodbye;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized boolean destroyed() {
        return destroyed;
    }

    synchronized boolean markedGoingAway() {
        return goingAway;
    }
}
