package org.jgateway.history;

import org.jspecify.annotations.Nullable;

/**
 * A shared {@link HistoryStore} could not be reached or did not answer in time: the message was neither kept nor
 * sent, or the history could not be read. Never thrown by the memory store.
 */
public class HistoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
