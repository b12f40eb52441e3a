package org.jgateway.gateway;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import org.jgateway.protocol.GatewayFrame;

/** A client's events waiting for a worker, in order; touched only on the client's event loop. */
final class HeldEvents {

    final ArrayDeque<GatewayFrame> events = new ArrayDeque<>(4);
    ScheduledFuture<?> expiry;
}
