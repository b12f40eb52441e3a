package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the message parameter of an {@link OnMessage @OnMessage} method. Optional: an unannotated parameter that is
 * no other kind of argument is the message already; the annotation documents intent and makes the message parameter
 * explicit when its type could be mistaken for another argument (a {@code Map}, for instance).
 *
 * @see OnMessage
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Payload {
}
