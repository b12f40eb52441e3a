package org.jgateway.gateway;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Passes each client on to a target visitor at most once while several groups are visited in turn (a client in two
 * listed groups receives a group message once). Members of every group but the last are remembered, and members of
 * every group but the first are checked; the identity set stores references in a flat table, so remembering a
 * member allocates nothing.
 */
final class DistinctMembers implements ClientVisitor {

    private final ClientVisitor target;
    private final Set<ClientConnection> seen;
    private boolean check;
    private boolean remember;

    DistinctMembers(ClientVisitor target, int expectedMembers) {
        this.target = target;
        this.seen = Collections.newSetFromMap(new IdentityHashMap<>(Math.max(expectedMembers, 4)));
    }

    /** Sets up for visiting group {@code index} of {@code count}. */
    void group(int index, int count) {
        check = index > 0;
        remember = index < count - 1;
    }

    @Override
    public void visit(ClientConnection client) {
        if (remember) {
            if (!seen.add(client) && check) {
                return;
            }
        } else if (check && seen.contains(client)) {
            return;
        }
        target.visit(client);
    }
}
