package org.jgateway.gateway.listener;

import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Netty's HTTP aggregator, except that the aggregated handshake request keeps the headers as the client sent them:
 * Netty's adds {@code Content-Length: 0} to a request without one, which would reach workers as an
 * {@code HTTP_CONTENT_LENGTH} entry GatewayWorker's handshake data does not have.
 */
final class HandshakeRequestAggregator extends HttpObjectAggregator {

    HandshakeRequestAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) {
        // Nothing to add: the request's headers are what the client sent.
    }
}
