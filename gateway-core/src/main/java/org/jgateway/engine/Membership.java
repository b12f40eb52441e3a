package org.jgateway.engine;

import java.util.Objects;
import org.jgateway.protocol.ClientId;

/**
 * A membership command as the sender issues it: {@code bindUid}, {@code unbindUid}, {@code joinGroup},
 * {@code leaveGroup} for one client, or {@code ungroup} for a whole group.
 *
 * @param kind   what changes
 * @param client the client concerned; null for {@link Kind#UNGROUP}
 * @param id     the uid or group; for {@link Kind#UNBIND_UID} the uid the sender named (the gateway removes whatever
 *               uid the client has)
 */
public record Membership(Kind kind, ClientId client, String id) {

    /** The membership commands. */
    public enum Kind {
        BIND_UID, UNBIND_UID, JOIN_GROUP, LEAVE_GROUP, UNGROUP
    }

    public Membership {
        Objects.requireNonNull(kind, "kind");
        if ((client == null) != (kind == Kind.UNGROUP)) {
            throw new IllegalArgumentException(kind + (client == null ? " needs a client" : " takes no client"));
        }
    }

    public static Membership bindUid(ClientId client, String uid) {
        return new Membership(Kind.BIND_UID, client, uid);
    }

    public static Membership unbindUid(ClientId client, String uid) {
        return new Membership(Kind.UNBIND_UID, client, uid);
    }

    public static Membership joinGroup(ClientId client, String group) {
        return new Membership(Kind.JOIN_GROUP, client, group);
    }

    public static Membership leaveGroup(ClientId client, String group) {
        return new Membership(Kind.LEAVE_GROUP, client, group);
    }

    public static Membership ungroup(String group) {
        return new Membership(Kind.UNGROUP, null, group);
    }
}
