package org.jgateway.client;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.jgateway.protocol.GatewayFrame;

/**
 * How a {@link GatewayApi} reaches gateways: inside a business worker through the worker's own gateway connections,
 * elsewhere through connections found via the register.
 */
public interface GatewayTransport {

    /** The inner addresses ({@code "lanIp:port"}) of every gateway currently known, in a stable order. */
    Collection<String> gatewayAddresses();

    /**
     * Sends a command frame (no reply) to one gateway.
     *
     * @return false if that gateway is not connected (the frame is dropped and counted by the transport)
     */
    boolean send(String gatewayAddress, GatewayFrame command);

    /**
     * Sends a query frame to one gateway; the future completes with the reply's PHP-serialized payload, or
     * exceptionally (not connected, timeout, connection closed) within {@code timeout}.
     */
    CompletableFuture<byte[]> query(String gatewayAddress, GatewayFrame query, Duration timeout);
}
