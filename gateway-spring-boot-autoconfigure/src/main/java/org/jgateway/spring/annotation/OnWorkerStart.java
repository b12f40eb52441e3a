package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GatewayEventHandler} to run when the business worker starts (GatewayWorker's
 * {@code Events::onWorkerStart}); its gateway connections may still be being established.
 * <p>
 * Parameters: {@link org.jgateway.worker.BusinessWorker}, {@link org.jgateway.client.GatewayApi} (the worker's).
 * There is no client, so client parameters are rejected, and the method must return {@code void}.
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnWorkerStart {
}
