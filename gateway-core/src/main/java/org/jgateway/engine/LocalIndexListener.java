package org.jgateway.engine;

import java.util.Set;

/**
 * Told of every change to a gateway's {@link LocalIndex}, and of every membership command applied to it, so that an
 * engine can keep cluster state. The calls for one client come in the order the gateway applied them, each while
 * that client's membership cannot change: an implementation must not block (it hands the change to an asynchronous
 * writer) and must not call back into the gateway.
 * <p>
 * Connection ids are u32 bits, as in {@link org.jgateway.protocol.ClientId}.
 */
public interface LocalIndexListener extends AutoCloseable {

    /** Does nothing: the register engine's gateways keep their state to themselves. */
    LocalIndexListener NONE = new LocalIndexListener() {
    };

    /** A client connected. */
    default void connected(int connectionId) {
    }

    /** A client closed (or was kicked), with the uid and groups it had. */
    default void closed(int connectionId, String uid, Set<String> groups) {
    }

    /** A {@code bindUid} command was applied to a live client (whether or not it already had that uid). */
    default void uidBound(int connectionId, String uid) {
    }

    /** An {@code unbindUid} command was applied to a live client. */
    default void uidUnbound(int connectionId) {
    }

    /** A {@code joinGroup} command was applied to a live client. */
    default void groupJoined(int connectionId, String group) {
    }

    /** A {@code leaveGroup} command was applied to a live client. */
    default void groupLeft(int connectionId, String group) {
    }

    /**
     * A membership command named a connection that is not (or no longer) live: whatever a sender recorded for it
     * must go.
     */
    default void absent(int connectionId) {
    }

    /** The gateway stops: its state leaves the cluster. */
    @Override
    default void close() {
    }
}
