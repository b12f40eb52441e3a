package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GatewayEventHandler} to run when a client connects (GatewayWorker's
 * {@code Events::onConnect}).
 * <p>
 * Parameters: {@link org.jgateway.worker.EventContext}, {@link org.jgateway.client.GatewayApi},
 * {@link ClientId @ClientId} {@code String}, {@link Session @Session} {@code Map<String, Object>}. A non-void return
 * value is sent to the client.
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {
}
