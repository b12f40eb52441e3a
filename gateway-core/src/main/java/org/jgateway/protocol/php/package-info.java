/**
 * PHP's value formats, in one place: {@code serialize()} / {@code unserialize()} for sessions, WebSocket handshake
 * data and query replies (strict, bounded in depth and declared lengths, no objects or references), and the text PHP
 * makes of a value: {@code (string)$value}, {@code json_encode} and the float digits of each ({@link
 * org.jgateway.protocol.php.PhpDoubles}).
 */
package org.jgateway.protocol.php;
