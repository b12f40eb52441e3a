package org.jgateway.gateway.listener;

/**
 * The framing a gateway listener speaks with its clients, as in GatewayWorker's {@code websocket://}, {@code text://},
 * {@code frame://} and {@code tcp://} addresses. Any of them may run over TLS ({@link ListenerOptions#sslContext()}).
 */
public enum ClientProtocol {

    /** RFC 6455 server; one text or binary message (after reassembly of fragments) is one application message. */
    WEBSOCKET,

    /** Lines ending in {@code "\n"}; trailing {@code "\r"}s are stripped, and {@code "\n"} is appended on send. */
    TEXT,

    /** A 4-byte big-endian total length (counting the 4 bytes themselves) followed by the payload. */
    FRAME,

    /** No framing: every chunk read from the socket is one message, and messages are sent as they are. */
    TCP
}
