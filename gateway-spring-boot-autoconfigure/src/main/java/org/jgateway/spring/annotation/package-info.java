/**
 * Annotations for business event handlers: {@link org.jgateway.spring.annotation.GatewayEventHandler} beans, their
 * event methods and their parameters.
 */
package org.jgateway.spring.annotation;
