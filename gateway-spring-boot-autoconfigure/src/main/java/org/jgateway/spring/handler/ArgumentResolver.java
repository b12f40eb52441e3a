package org.jgateway.spring.handler;

/** Produces the value of one handler method parameter for an event; chosen once per parameter at startup. */
@FunctionalInterface
interface ArgumentResolver {

    Object resolve(EventInvocation invocation);
}
