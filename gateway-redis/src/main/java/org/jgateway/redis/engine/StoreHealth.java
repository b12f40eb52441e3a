package org.jgateway.redis.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jgateway.transport.FutureFailures;
import org.slf4j.Logger;

/**
 * Logs a Redis outage once when it starts and once when it ends, however many operations fail meanwhile (each is
 * counted where it happens).
 */
final class StoreHealth {

    private final Logger log;
    private final String who;
    private final AtomicBoolean failing = new AtomicBoolean();

    StoreHealth(Logger log, String who) {
        this.log = log;
        this.who = who;
    }

    /** {@code failure} may come wrapped from a future; the log names what it wraps. */
    void failed(String what, Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            log.warn("{}: Redis unavailable ({}: {}); {}", who, what, FutureFailures.cause(failure).toString(),
                    fallbackNote());
        }
    }

    /** Returns true when this ends an outage. */
    boolean succeeded() {
        return failing.compareAndSet(true, false);
    }

    boolean failing() {
        return failing.get();
    }

    private String fallbackNote() {
        return "pushes go to every gateway and queries ask every gateway until it is back";
    }
}
