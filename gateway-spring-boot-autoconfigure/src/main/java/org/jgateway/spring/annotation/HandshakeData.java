package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code Map<String, Object>} parameter of an {@link OnWebSocketConnect @OnWebSocketConnect} method to the
 * WebSocket handshake data: GatewayWorker's {@code ['get' => query, 'server' => [...], 'cookie' => [...]]}.
 *
 * @see org.jgateway.worker.EventContext#webSocketData()
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandshakeData {
}
