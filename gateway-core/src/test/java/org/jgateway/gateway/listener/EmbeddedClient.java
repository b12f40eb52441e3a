package org.jgateway.gateway.listener;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/** A client connection of a listener in an {@link EmbeddedChannel}: bytes in, the {@link TestTail} records. */
final class EmbeddedClient implements AutoCloseable {

    final EmbeddedChannel channel;
    final TestTail tail = new TestTail();

    EmbeddedClient(ListenerOptions options) {
        channel = new EmbeddedChannel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ClientPipeline.initialize(ch, options, tail);
            }
        });
    }

    EmbeddedClient receive(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return this;
    }

    EmbeddedClient receive(String ascii) {
        return receive(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    String nextText() throws InterruptedException {
        return new String(tail.nextMessage(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
