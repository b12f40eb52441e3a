/**
 * The Gateway API ({@link org.jgateway.client.GatewayApi}): every {@code Gateway::} method of GatewayWorker, inside a
 * worker over its own connections, elsewhere through {@link org.jgateway.client.GatewayClient} (PHP's GatewayClient
 * counterpart), which finds the gateways through the registers.
 */
@NullMarked
package org.jgateway.client;

import org.jspecify.annotations.NullMarked;
