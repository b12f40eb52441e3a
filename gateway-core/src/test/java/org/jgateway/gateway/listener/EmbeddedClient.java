package org.jgateway.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connection of a listener in an {@link EmbeddedChannel}: bytes in, the {@link TestTail} records. The
 * channel runs on a mock clock, so timeouts fire only when a test advances it.
 */
final class EmbeddedClient implements AutoCloseable {

    final EmbeddedChannel channel;
    final TestTail tail = new TestTail();
    /** What {@link #written()} found that a socket would not have sent. */
    final List<String> unsendable = new ArrayList<>();
    /** The channel's clock: it moves only when a test advances it. */
    private final MockTicker clock = Ticker.newMockTicker();

    EmbeddedClient(ListenerOptions options) {
        channel = EmbeddedChannel.builder()
                .ticker(clock)
                .register(true)
                .handlers(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ClientPipeline.initialize(ch, options, tail);
                    }
                })
                .build();
    }

    /** Moves the channel's clock on by {@code millis} and runs the tasks that are due by then. */
    EmbeddedClient advanceMillis(long millis) {
        clock.advanceMillis(millis);
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
     * Everything the pipeline has written to the client since the last call, as one byte array. A message that is not
     * a {@code ByteBuf} (an embedded channel takes any object, a socket would refuse it) is released and its simple
     * class name added to {@link #unsendable}.
     */
    byte[] written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            try {
                if (msg instanceof ByteBuf buf) {
                    out.writeBytes(ByteBufUtil.getBytes(buf));
                } else {
                    unsendable.add(msg.getClass().getSimpleName());
                }
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
