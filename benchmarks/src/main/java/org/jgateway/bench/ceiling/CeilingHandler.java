package org.jgateway.bench.ceiling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-hop ceiling's business logic, on the event loop that read the message: everything that is not a JSON
 * object is echoed; {@code join}, {@code say}, {@code all} and {@code bind} behave like the reference app's, so that
 * echo, fan-out and connection scenarios run unchanged against it. No register, no worker, no inner protocol.
 */
@ChannelHandler.Sharable
final class CeilingHandler extends ChannelInboundHandlerAdapter {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final ByteBuf NEWLINE = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(1).writeByte('\n').asReadOnly());

    private final boolean webSocket;
    private final ChannelGroup everybody = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, ChannelGroup> groups = new ConcurrentHashMap<>();

    CeilingHandler(boolean webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        everybody.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf content = msg instanceof TextWebSocketFrame frame ? frame.content()
                : msg instanceof ByteBuf buf ? buf : null;
        if (content == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (content.isReadable() && content.getByte(content.readerIndex()) == '{' && command(ctx.channel(), content)) {
                return;
            }
            send(ctx.channel(), content.retain(), false);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Handles a JSON command; false when the message is to be echoed instead. */
    private boolean command(Channel channel, ByteBuf content) {
        JsonNode node;
        try {
            node = JSON.readTree(new ByteBufInputStream(content.duplicate()));
        } catch (JacksonException e) {
            return false;
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            return false;
        }
        switch (node.get("type").asString()) {
            case "join" -> {
                String group = node.path("group").asString("");
                groups.computeIfAbsent(group, g -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).add(channel);
                reply(channel, "{\"type\":\"joined\",\"group\":" + quote(group) + ",\"client_id\":\"" + channel.id().asShortText() + "\"}");
            }
            case "say" -> {
                ChannelGroup group = groups.get(node.path("group").asString(""));
                if (group != null) {
                    group.writeAndFlush(wrap(payload(node.get("msg"))));
                }
            }
            case "all" -> everybody.writeAndFlush(wrap(payload(node.get("msg"))));
            case "bind" -> reply(channel, "{\"type\":\"bound\",\"uid\":" + quote(node.path("uid").asString("")) + "}");
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Echoes are flushed once per read batch, the usual Netty way: one write() for all messages of one read(). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void reply(Channel channel, String json) {
        send(channel, Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)), true);
    }

    private void send(Channel channel, ByteBuf message, boolean flush) {
        if (webSocket) {
            channel.write(new TextWebSocketFrame(message), channel.voidPromise());
        } else {
            channel.write(message, channel.voidPromise());
            channel.write(NEWLINE.duplicate(), channel.voidPromise());
        }
        if (flush) {
            channel.flush();
        }
    }

    /** One message for a whole group: the group duplicates it per member. */
    private Object wrap(byte[] payload) {
        if (webSocket) {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(payload));
        }
        return Unpooled.buffer(payload.length + 1).writeBytes(payload).writeByte('\n');
    }

    private static byte[] payload(JsonNode msg) {
        if (msg == null || msg.isNull()) {
            return new byte[0];
        }
        return (msg.isString() ? msg.asString() : msg.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return JSON.writeValueAsString(s);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

}
