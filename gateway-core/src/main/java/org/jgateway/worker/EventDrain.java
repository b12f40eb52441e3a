package org.jgateway.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The graceful part of a worker's stop: once the gateways were asked to stop routing clients here, waits until the
 * events already received have been handled, bounded by {@link WorkerOptions#stopTimeout()}.
 */
final class EventDrain {

    /** How long the event stream must stay quiet after the gateways confirmed our leave before we close. */
    private static final long QUIET_PERIOD_MILLIS = 50;
    /** The longest wait for gateways that never confirm our leave (PHP's). */
    private static final long MAX_UNCONFIRMED_LEAVE_WAIT_MILLIS = 1000;

    private final WorkerStats stats;
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();

    EventDrain(WorkerStats stats) {
        this.stats = stats;
    }

    /** The number of events waiting changed: wakes a drain when none is left. */
    void pendingChanged(int pending) {
        if (pending == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /**
     * Waits for the gateways' confirmations of our leave, then until no event is pending and the stream has been
     * quiet for a moment, or the stop timeout passed.
     *
     * @return the events still pending at the end (abandoned)
     */
    int drain(ClientLanes lanes, GatewayLinks.LeaveAcks leave, Duration stopTimeout) {
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        // A JGateway gateway confirms after the last event it routed here: every event it sent is then received,
        // however long a loaded machine takes to get there. Waiting less would close on events still on their way.
        waitFor(leave.confirming(), Math.max(0, deadline - System.nanoTime()));
        // A PHP gateway never confirms: bound the wait, then rely on the drain below.
        waitFor(leave.nonConfirming(),
                TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_UNCONFIRMED_LEAVE_WAIT_MILLIS, stopTimeout.toMillis())));
        // An event a gateway routed here just before it processed our leave can still be on its way: drain until
        // the stream has been quiet for a moment.
        long received;
        do {
            received = stats.eventsReceived();
            awaitIdle(lanes, deadline);
            pause(QUIET_PERIOD_MILLIS, deadline);
        } while (stats.eventsReceived() != received && System.nanoTime() < deadline);
        return lanes.pending();
    }

    /** Waits {@code millis} (bounded by the deadline); the idle signal does not cut it short. */
    private void pause(long millis, long deadlineNanos) {
        long end = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), deadlineNanos);
        idleLock.lock();
        try {
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idleLock.unlock();
        }
    }

    private void awaitIdle(ClientLanes lanes, long deadlineNanos) {
        idleLock.lock();
        try {
            while (lanes.pending() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idleLock.unlock();
        }
    }

    private static void waitFor(CompletableFuture<?> future, long maxNanos) {
        try {
            future.get(maxNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out or failed: the drain that follows covers what arrived.
        }
    }
}
