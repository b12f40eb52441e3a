package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GatewayEventHandler} to run when a WebSocket client completed its handshake
 * (GatewayWorker's {@code Events::onWebSocketConnect}).
 * <p>
 * Parameters: those of {@link OnConnect @OnConnect}, plus {@link HandshakeData @HandshakeData}
 * {@code Map<String, Object>} for the handshake request ({@code get}, {@code server}, {@code cookie}). A non-void
 * return value is sent to the client.
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnWebSocketConnect {
}
