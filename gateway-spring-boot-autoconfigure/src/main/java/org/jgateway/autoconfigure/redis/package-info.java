/**
 * Auto-configuration of the redis cluster engine ({@code gateway.cluster.engine=redis}), active when
 * {@code gateway-redis} and Spring Boot's {@code spring-boot-data-redis} are on the class path.
 */
package org.jgateway.autoconfigure.redis;
