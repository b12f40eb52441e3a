/**
 * Support for {@link org.jgateway.spring.annotation.GatewayEventHandler @GatewayEventHandler} beans: discovery and
 * validation of their event methods, argument resolution, reply handling and message routing, behind one
 * {@link org.jgateway.worker.WorkerEventHandler}: the
 * {@link org.jgateway.spring.handler.AnnotatedEventHandlerDispatcher}.
 */
package org.jgateway.spring.handler;
