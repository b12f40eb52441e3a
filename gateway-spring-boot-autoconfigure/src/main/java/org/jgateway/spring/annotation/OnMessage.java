package org.jgateway.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GatewayEventHandler} to run when a client sends a message (GatewayWorker's
 * {@code Events::onMessage}).
 * <p>
 * With a {@link #type()}, the method receives only JSON objects whose routing field (property
 * {@code gateway.worker.message-type-field}, default {@code type}) is that string; a type belongs to one method
 * across all handler beans. Without one, the method is a catch-all: it receives every message that no typed method
 * took, including messages that are not JSON objects. All catch-all methods run, in handler order.
 * <p>
 * Parameters: those of {@link OnConnect @OnConnect}, plus at most one message parameter, optionally marked
 * {@link Payload @Payload}: {@code byte[]} (as received), {@code String} (UTF-8), Jackson's {@code JsonNode}, or any
 * other type bound from the JSON message (the routing field is part of it: Jackson 3 ignores unknown properties by
 * default, else declare it or annotate the type to ignore it). A non-void return value is sent to the client.
 *
 * @see GatewayEventHandler
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

    /** The routing field's value this method handles; empty for a catch-all. */
    String type() default "";
}
