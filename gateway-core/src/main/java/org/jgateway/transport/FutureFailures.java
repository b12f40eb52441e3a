package org.jgateway.transport;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What failed, for a caller that got the failure through one or more {@link java.util.concurrent.Future}s. */
public final class FutureFailures {

    private FutureFailures() {
    }

    /**
     * {@code failure} without the {@link CompletionException}s and {@link ExecutionException}s that futures wrap it in
     * (a wrapper without a cause is returned as it is).
     */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
