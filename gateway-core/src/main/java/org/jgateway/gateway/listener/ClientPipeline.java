package org.jgateway.gateway.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.Objects;

/**
 * Builds the pipeline of an accepted client connection, top to bottom: TLS when configured, the protocol's
 * decoding, and last the gateway's {@code tail} handler under the name {@value #TAIL}.
 * <p>
 * What the tail sees:
 * <ul>
 * <li>one inbound {@code ByteBuf} per application message (a WebSocket message, a line without its ending, a frame
 * payload, a socket read); the tail owns it and must release it;</li>
 * <li>for WebSocket only, first one {@link WebSocketRequest} user event when the handshake has completed; a client
 * whose handshake fails or is refused is closed without one, after a {@link WebSocketHandshakeFailed} event saying
 * why. Other protocols have no such event: the connection is a
 * client from {@code channelActive} on. With TLS the tail also sees Netty's {@code SslHandshakeCompletionEvent} and
 * {@code SslCloseCompletionEvent} (useful to log failed TLS handshakes); like any event it does not know, the tail
 * should pass them on with {@code ctx.fireUserEventTriggered};</li>
 * <li>{@code exceptionCaught} for a framing error (line or message too long, bad frame length, WebSocket protocol
 * violation); decoding has stopped by then, and the gateway is expected to close the connection.</li>
 * </ul>
 * The tail writes the {@code ByteBuf}s that {@link ClientEncoders#encoderFor} produced: they pass the protocol
 * handlers untouched (and through TLS). A WebSocket client's messages written before its handshake completes are
 * held and sent right after it.
 * <p>
 * WebSocket pipeline before the handshake: {@value #SSL}, {@value #HTTP_CODEC}, {@value #HTTP_AGGREGATOR},
 * {@value #WEBSOCKET_GUARD}, Netty's handshake handler, UTF-8 validator and {@value #WEBSOCKET_PROTOCOL},
 * {@value #WEBSOCKET_AGGREGATOR}, {@value #WEBSOCKET_OPEN}, {@value #WEBSOCKET_MESSAGES}, {@value #TAIL}. After it the
 * HTTP handlers, the guard, the handshake handler and the open handler are gone, Netty's frame codec
 * ({@code wsencoder}, {@code wsdecoder}) sits below the validator, and {@value #WEBSOCKET_CLOSE} between the two
 * halves of that codec.
 */
public final class ClientPipeline {

    /** Name of the gateway's handler, the last in the pipeline. */
    public static final String TAIL = "gateway";
    /** Netty's {@code SslHandler}, first when the listener has TLS. */
    public static final String SSL = "ssl";
    /** HTTP codec for the WebSocket handshake; removed by the handshake. */
    public static final String HTTP_CODEC = "http-codec";
    /** HTTP aggregator for the WebSocket handshake; removed by the handshake. */
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    /** Path, version and filter checks of the handshake request; removes itself. */
    public static final String WEBSOCKET_GUARD = "ws-guard";
    /** Netty's {@code WebSocketServerProtocolHandler}: handshake, ping, pong and close. */
    public static final String WEBSOCKET_PROTOCOL = "ws-protocol";
    /** Sends the server's Close frame, once, above Netty's frame encoder; added by the handshake. */
    public static final String WEBSOCKET_CLOSE = "ws-close";
    /** Netty's {@code WebSocketFrameAggregator}: reassembles fragmented messages. */
    public static final String WEBSOCKET_AGGREGATOR = "ws-aggregator";
    /** Announces the handshake to the tail and holds early writes; removes itself. */
    public static final String WEBSOCKET_OPEN = "ws-open";
    /** WebSocket messages to bare {@code ByteBuf}s. */
    public static final String WEBSOCKET_MESSAGES = "ws-messages";
    /** {@code text://} line decoder. */
    public static final String TEXT_DECODER = "text-decoder";
    /** {@code frame://} length-prefixed frame decoder. */
    public static final String FRAME_DECODER = "frame-decoder";

    /** Largest handshake request body: a handshake has none, so anything more is refused with 413. */
    static final int MAX_HANDSHAKE_BODY = 1024;
    /** How long the server's Close frame may wait to be written before the connection is closed without it. */
    static final long FORCE_CLOSE_TIMEOUT_MILLIS = 1000;

    private final ListenerOptions options;
    /** Netty's WebSocket protocol settings, the same for every connection of the listener (null for others). */
    private final WebSocketServerProtocolConfig webSocketConfig;

    private ClientPipeline(ListenerOptions options) {
        this.options = options;
        this.webSocketConfig = options.protocol() == ClientProtocol.WEBSOCKET ? protocolConfig(options) : null;
    }

    /** The pipeline builder of a listener with {@code options}: make it once, use it for every accepted connection. */
    public static ClientPipeline forListener(ListenerOptions options) {
        return new ClientPipeline(Objects.requireNonNull(options, "options"));
    }

    /** {@code forListener(options).initialize(ch, tail)}, for a single connection. */
    public static void initialize(Channel ch, ListenerOptions options, ChannelHandler tail) {
        forListener(options).initialize(ch, tail);
    }

    /**
     * Adds the handlers for a client connection of this listener to {@code ch}'s pipeline, with {@code tail} last
     * under {@value #TAIL}. Call from the listener's {@code ChannelInitializer}.
     */
    public void initialize(Channel ch, ChannelHandler tail) {
        Objects.requireNonNull(tail, "tail");
        ChannelPipeline p = ch.pipeline();
        if (options.isTls()) {
            p.addLast(SSL, newSslHandler(ch, options));
        }
        switch (options.protocol()) {
            case WEBSOCKET -> addWebSocket(p);
            case TEXT -> p.addLast(TEXT_DECODER, new TextLineDecoder(options.maxMessageSize()));
            case FRAME -> p.addLast(FRAME_DECODER, new LengthPrefixedFrameDecoder(options.maxMessageSize()));
            case TCP -> {
                // Every read is a message already.
            }
        }
        p.addLast(TAIL, tail);
    }

    /**
     * Marks a client connection as closed because the server goes away (shutdown, unanswered heartbeat): if it is a
     * WebSocket, the server's Close frame says 1001 instead of 1000. Call before closing it; other protocols ignore it.
     */
    public static void goingAway(Channel ch) {
        WebSocketCloseFrameWriter.goingAway(ch);
    }

    /**
     * Marks a client connection as closed for breaking a policy (its message rate): if it is a WebSocket, the
     * server's Close frame says 1008. Call before closing it; other protocols ignore it.
     */
    public static void policyViolation(Channel ch) {
        WebSocketCloseFrameWriter.policyViolation(ch);
    }

    private static SslHandler newSslHandler(Channel ch, ListenerOptions options) {
        SslContext context = options.sslContext().get();
        if (context == null) {
            throw new IllegalStateException("listener " + options.name() + ": the SslContext supplier returned null");
        }
        SslHandler ssl = context.newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
        return ssl;
    }

    private void addWebSocket(ChannelPipeline p) {
        WebSocketOpenHandler opener = new WebSocketOpenHandler(webSocketConfig.forceCloseTimeoutMillis());
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(HTTP_AGGREGATOR, new HandshakeRequestAggregator(MAX_HANDSHAKE_BODY));
        p.addLast(WEBSOCKET_GUARD, new WebSocketHandshakeGuard(options.webSocketPath(), options.handshakeFilter(),
                options.handshakeTimeout().toMillis(), opener));
        p.addLast(WEBSOCKET_PROTOCOL, new AnnouncingProtocolHandler(webSocketConfig));
        p.addLast(WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(options.maxMessageSize()));
        p.addLast(WEBSOCKET_OPEN, opener);
        p.addLast(WEBSOCKET_MESSAGES, new WebSocketMessageDecoder());
    }

    private static WebSocketServerProtocolConfig protocolConfig(ListenerOptions options) {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxMessageSize())
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .withUTF8Validator(true)
                .closeOnProtocolViolation(true)
                .build();
        // "/" with checkStartsWith matches every origin-form target; the guard below has already checked the path.
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(options.handshakeTimeout().toMillis())
                .handleCloseFrames(true)
                // WebSocketCloseFrameWriter sends the server's Close frame instead, once, with the gateway's status.
                .sendCloseFrame(null)
                .forceCloseTimeoutMillis(FORCE_CLOSE_TIMEOUT_MILLIS)
                .dropPongFrames(true)
                .decoderConfig(decoder)
                .build();
    }

    /**
     * Netty's protocol handler answers a handshake its handshaker rejects (no key, no upgrade headers, not GET) with
     * 400 and swallows the exception; this one first tells the tail, so that the failure is counted.
     */
    private static final class AnnouncingProtocolHandler extends WebSocketServerProtocolHandler {

        AnnouncingProtocolHandler(WebSocketServerProtocolConfig config) {
            super(config);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (cause instanceof WebSocketHandshakeException) {
                ctx.fireUserEventTriggered(new WebSocketHandshakeFailed(WebSocketHandshakeFailed.Reason.MALFORMED,
                        String.valueOf(cause.getMessage())));
            }
            super.exceptionCaught(ctx, cause);
        }
    }
}
