/**
 * Discovery: the {@link org.jgateway.register.RegisterServer register} that gateways announce their inner addresses
 * to, and the {@link org.jgateway.register.RegisterClient client} that gateways, business workers and standalone API
 * clients use to talk to one or several registers. Wire-compatible with PHP GatewayWorker 4.
 */
@NullMarked
package org.jgateway.register;

import org.jspecify.annotations.NullMarked;
