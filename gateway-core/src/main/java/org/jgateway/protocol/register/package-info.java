/**
 * The register's line protocol (GatewayWorker 4 {@code Register}): one JSON object per {@code \n}-terminated line,
 * {@link org.jgateway.protocol.register.RegisterMessage} values, their {@link
 * org.jgateway.protocol.register.RegisterCodec text form} and the Netty decoder and encoder.
 */
@NullMarked
package org.jgateway.protocol.register;

import org.jspecify.annotations.NullMarked;
