package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code Map<String, Object>} parameter of a client event method to the client's session
 * ({@code $_SESSION}). The map is mutable; changes are saved to the gateway after the event (except in
 * {@link OnClose @OnClose}).
 *
 * @see org.jgateway.worker.EventContext#session()
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Session {
}
