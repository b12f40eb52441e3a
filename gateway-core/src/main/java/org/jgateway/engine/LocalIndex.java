package org.jgateway.engine;

import java.util.Set;

/**
 * A gateway's own tables of clients, uids and groups (one gateway listener: one inner address), as its engine reads
 * them to rebuild the cluster state after the store was lost or unreachable.
 */
public interface LocalIndex {

    /** One live client: its connection id (u32 bits), uid (or null) and groups (never null). */
    @FunctionalInterface
    interface MembershipVisitor {
        void visit(int connectionId, String uid, Set<String> groups);
    }

    /**
     * Visits every live client. Each visit happens while that client's membership cannot change, and the
     * {@link LocalIndexListener} calls for the same client come before or after it, never during, so an engine that
     * issues its writes from the visitor and from the listener on one ordered connection keeps them in order.
     */
    void forEachClient(MembershipVisitor visitor);
}
