/**
 * Client-facing protocols of a gateway listener: WebSocket, newline text, length-prefixed frames and raw TCP, each
 * optionally over TLS. {@link org.jgateway.gateway.listener.ClientPipeline} builds a channel's pipeline; encoders
 * frame outbound messages once per protocol.
 */
package org.jgateway.gateway.listener;
