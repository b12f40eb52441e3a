package org.jgateway.gateway;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes a gateway may keep of events sent to at-least-once workers and not yet confirmed, shared by all its
 * worker links. An event that does not fit is sent without being kept (at-most-once); the caller counts it, and
 * the first one of an episode is logged (an episode ends when the buffer is back under half its size).
 */
final class UnconfirmedBudget {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedBudget.class);

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();
    private final AtomicBoolean overflowing = new AtomicBoolean();

    UnconfirmedBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} from the budget; false (logged once per episode) when they do not fit. */
    boolean tryReserve(int bytes) {
        long now = used.addAndGet(bytes);
        if (now <= maxBytes) {
            return true;
        }
        used.addAndGet(-bytes);
        if (overflowing.compareAndSet(false, true)) {
            log.warn("Unconfirmed events reached unconfirmed-events-buffer-size ({} bytes): further events are sent "
                    + "at most once (counted as eventsNotKept) until confirmations free half of it", maxBytes);
        }
        return false;
    }

    void release(long bytes) {
        long now = used.addAndGet(-bytes);
        if (now <= maxBytes / 2 && overflowing.get() && overflowing.compareAndSet(true, false)) {
            log.info("Unconfirmed events back to {} bytes: events are kept until confirmed again", now);
        }
    }

    long usedBytes() {
        return used.get();
    }
}
