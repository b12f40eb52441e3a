package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code boolean} parameter of a client event method to whether the event is a redelivery: it was sent to a
 * worker that went away without confirming it, which may or may not have acted on it
 * ({@link org.jgateway.worker.EventContext#isRedelivery()}, at-least-once delivery).
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Redelivered {
}
