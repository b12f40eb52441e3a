/**
 * PHP {@code serialize()} / {@code unserialize()} for sessions, WebSocket handshake data and query replies: strict,
 * bounded in depth and declared lengths, no objects or references.
 */
package org.jgateway.protocol.php;
