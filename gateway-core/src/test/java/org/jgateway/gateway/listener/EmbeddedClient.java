package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A client connection of a listener in an {@link EmbeddedChannel}: bytes in, the {@link TestTail} records. The
 * channel's clock is frozen from before the pipeline is built, so timeouts fire only when a test advances it.
 */
final class EmbeddedClient implements AutoCloseable {

    final EmbeddedChannel channel;
    final TestTail tail = new TestTail();

    EmbeddedClient(ListenerOptions options) {
        channel = new EmbeddedChannel(false, false, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ClientPipeline.initialize(ch, options, tail);
            }
        });
        channel.freezeTime();
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException("could not register the embedded channel", e);
        }
    }

    /** Moves the frozen clock on by {@code millis} and runs the tasks that are due by then. */
    EmbeddedClient advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        return this;
    }

    EmbeddedClient receive(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return this;
    }

    EmbeddedClient receive(String ascii) {
        return receive(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Everything the pipeline has written to the client since the last call, as one byte array. Fails on a message
     * that is not a {@code ByteBuf}: an embedded channel takes any object, a socket would refuse it.
     */
    byte[] written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            try {
                if (!(msg instanceof ByteBuf buf)) {
                    throw new AssertionError("the pipeline wrote a " + msg.getClass().getName()
                            + ", which a socket cannot send");
                }
                out.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out.toByteArray();
    }

    /** {@link #written()} as ISO-8859-1 text, for HTTP responses. */
    String writtenText() {
        return new String(written(), StandardCharsets.ISO_8859_1);
    }

    String nextText() throws InterruptedException {
        return new String(tail.nextMessage(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
