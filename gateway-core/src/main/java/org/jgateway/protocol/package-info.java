/**
 * GatewayWorker 4's binary gateway protocol: {@link org.jgateway.protocol.GatewayFrame} with its 28-byte header,
 * every {@link org.jgateway.protocol.GatewayCommand command code}, {@link org.jgateway.protocol.GatewayFlags flags},
 * query replies and {@link org.jgateway.protocol.ClientId client_id}s.
 */
package org.jgateway.protocol;
