package org.jgateway.client;

import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Blocking on query futures without wrapping their exceptions. */
final class Queries {

    private Queries() {
    }

    /**
     * Waits for {@code future} (which completes within the query timeout by contract) and rethrows its failure as it
     * is: {@link GatewayQueryException}, {@link IllegalArgumentException}...
     */
    static <T> T await(CompletableFuture<T> future) {
        if (!future.isDone()) {
            refuseOnEventLoop();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while waiting for a gateway query", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new GatewayException(cause.getMessage(), cause);
        } catch (CancellationException e) {
            throw new GatewayException("Gateway query cancelled", e);
        }
    }

    /**
     * Waiting on an event loop stalls every connection of that loop, and deadlocks when the reply is to arrive on
     * the same loop: fail at once instead (handlers that run on the event loop, or code chained on a query future).
     */
    private static void refuseOnEventLoop() {
        if (ThreadExecutorMap.currentExecutor() != null) {
            throw new IllegalStateException("A blocking Gateway API query on event loop thread '"
                    + Thread.currentThread().getName() + "' would stall it: use the async() API and chain on its "
                    + "future (handlers that run on the event loop must not block)");
        }
    }
}
