package org.jgateway.client;

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
}
