/**
 * Gateway discovery: how gateways announce their inner addresses and how workers and API clients find them
 * ({@link org.jgateway.discovery.GatewayDiscovery}). The register is the default implementation; the Redis engine
 * provides one without a register.
 */
package org.jgateway.discovery;
