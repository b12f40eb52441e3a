package org.jgateway.gateway.listener;

import java.util.Objects;

/**
 * User event sent to the pipeline's tail when a WebSocket handshake fails or is refused: the connection is being
 * closed (after an HTTP error response where one applies) and will never produce a {@link WebSocketRequest}. It lets
 * the gateway count and log handshake failures, which otherwise end without an {@code exceptionCaught}.
 *
 * @param reason why the handshake failed
 * @param detail a human-readable description, for logs
 */
public record WebSocketHandshakeFailed(Reason reason, String detail) {

    /** Why a handshake failed. */
    public enum Reason {
        /** Not a well-formed upgrade request: bad HTTP, wrong method, target, headers or key (400). */
        MALFORMED,
        /** A path other than the listener's {@link ListenerOptions#webSocketPath()} (404). */
        WRONG_PATH,
        /** A WebSocket version other than 13 (426). */
        UNSUPPORTED_VERSION,
        /** Refused by the listener's {@link ListenerOptions#handshakeFilter()} (403): a policy decision. */
        REFUSED,
        /** No complete request within the listener's {@link ListenerOptions#handshakeTimeout()}. */
        TIMEOUT
    }

    public WebSocketHandshakeFailed {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** True for a protocol failure, false for a refusal by the handshake filter. */
    public boolean isProtocolError() {
        return reason != Reason.REFUSED;
    }
}
