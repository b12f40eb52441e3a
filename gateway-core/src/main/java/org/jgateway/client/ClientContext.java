package org.jgateway.client;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client whose event a business worker is handling on this thread, so that {@code *CurrentClient} calls and
 * session writes to the current client work as in GatewayWorker ({@code Context::$client_id}, {@code $_SESSION}).
 */
public interface ClientContext {

    /** The current client's id. */
    String clientId();

    /** Called after {@code setSession(currentClient, session)}: the callback's session map becomes {@code session}. */
    void sessionReplaced(Map<String, Object> session);

    /** Called after {@code updateSession(currentClient, partial)}: merge into the callback's session map. */
    void sessionMerged(Map<String, Object> partial);

    /** The context bound to this thread, or null outside a worker callback. */
    static @Nullable ClientContext current() {
        return ClientContextHolder.CURRENT.get();
    }
}
