package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client sink that records what it is given as text and releases every buffer at once. */
final class RecordingSink implements ClientSink {

    private final ClientMessageEncoder encoder;
    private final List<String> received = new ArrayList<>();
    private String goodbye;
    private boolean closed;
    private boolean destroyed;

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
    public synchronized void destroy() {
        destroyed = true;
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
}
