/**
 * History and recovery: groups and uids matching a {@link org.jgateway.history.HistoryPolicy} pattern keep their
 * last messages in a {@link org.jgateway.history.HistoryStore}, each message at a
 * {@link org.jgateway.history.StreamPosition} (offset and epoch), so that a client coming back after a disconnect
 * can be given exactly what it missed.
 */
package org.jgateway.history;
