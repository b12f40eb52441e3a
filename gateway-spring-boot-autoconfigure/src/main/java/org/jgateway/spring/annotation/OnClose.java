package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GatewayEventHandler} to run when a client disconnected (GatewayWorker's
 * {@code Events::onClose}).
 * <p>
 * Parameters: those of {@link OnConnect @OnConnect}; the session is the client's last one, and changes to it are
 * not saved. The method must return {@code void}: the client is gone, there is no one to reply to.
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClose {
}
