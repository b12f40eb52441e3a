package org.jgateway.redis.discovery;

import org.slf4j.Logger;

/**
 * Whether the last Redis round trip of one task succeeded, logging each change once (not every failed attempt):
 * a warning when Redis goes away (or is unreachable from the start), an info line when it is back.
 */
final class RedisOutage {

    private enum State { UNKNOWN, UP, DOWN }

    private final Logger log;
    private final String task;
    private volatile State state = State.UNKNOWN;

    RedisOutage(Logger log, String task) {
        this.log = log;
        this.task = task;
    }

    synchronized void succeeded(String description) {
        if (state == State.DOWN) {
            log.info("Redis {} is back: {} resumed", description, task);
        }
        state = State.UP;
    }

    synchronized void failed(String description, Throwable cause) {
        if (state != State.DOWN) {
            log.warn("Redis {} unreachable: {} paused, retrying ({})", description, task, reason(cause));
        }
        state = State.DOWN;
    }

    boolean isConnected() {
        return state == State.UP;
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
