package org.jgateway.client;

import org.jspecify.annotations.Nullable;

/** Binds a {@link ClientContext} to the thread running a worker callback. */
public final class ClientContextHolder {

    static final ThreadLocal<ClientContext> CURRENT = new ThreadLocal<>();

    private ClientContextHolder() {
    }

    /** Binds {@code context} (null unbinds) and returns the previous one, to restore after the callback. */
    public static @Nullable ClientContext bind(@Nullable ClientContext context) {
        ClientContext previous = CURRENT.get();
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
        return previous;
    }

    /** The current client's id, for {@code method}. @throws IllegalStateException outside a worker callback */
    static String currentClientId(String method) {
        ClientContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException(method + " can not be called in async context "
                    + "(only while a worker callback for that client runs on this thread)");
        }
        return context.clientId();
    }
}
