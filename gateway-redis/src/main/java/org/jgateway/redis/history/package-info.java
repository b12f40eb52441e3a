/**
 * History in Redis Streams ({@link org.jgateway.redis.history.RedisHistoryStore}): the
 * {@link org.jgateway.history.HistoryStore} of clusters whose senders and gateways run in different processes.
 */
package org.jgateway.redis.history;
