/**
 * Actuator support for the JGateway roles: the {@code gateway-status} endpoint (workerman's {@code status}, as JSON or
 * a text table) and the {@code gateway} health indicator. See {@code docs/actuator.md}.
 */
package org.jgateway.spring.actuate;
