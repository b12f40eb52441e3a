package org.jgateway.gateway.listener;

import org.jgateway.gateway.ClientMessageEncoder;

/**
 * The message encoder of each listener kind. The encoders are shared singletons, so two clients get the same
 * encoder instance exactly when they need the same bytes, and a broadcast is encoded once per distinct encoder.
 */
public final class ClientEncoders {

    private ClientEncoders() {
    }

    /** The encoder for messages to clients of a listener with these options. */
    public static ClientMessageEncoder encoderFor(ListenerOptions options) {
        return switch (options.protocol()) {
            case WEBSOCKET -> WebSocketMessageEncoder.of(options.webSocketFrameType());
            case TEXT -> TextMessageEncoder.INSTANCE;
            case FRAME -> FrameMessageEncoder.INSTANCE;
            case TCP -> TcpMessageEncoder.INSTANCE;
        };
    }
}
