package org.jgateway.gateway;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.LocalIndex;
import org.jgateway.engine.LocalIndexListener;
import org.jgateway.protocol.php.PhpArrays;
import org.jgateway.protocol.php.PhpSerializationException;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;

/**
 * The gateway's live clients and their uid and group indexes, safe for concurrent use: clients come and go on client
 * event loops while commands arrive on worker-connection loops (or straight from worker threads).
 * <p>
 * Consistency: every change of a client's uid, groups, session or closed flag happens under the client's monitor,
 * and the index entries for that client are updated inside the same critical section. {@link #remove} sets
 * {@code closed} under the monitor, so a bind or join that races with a close either finishes before it (and is
 * undone by it) or sees the client closed and does nothing: no index keeps a closed client. Index entries themselves
 * are changed with {@link ConcurrentHashMap#compute}, so joins, leaves and ungroups of different clients on the same
 * group do not lose updates, and empty entries are dropped atomically.
 * <p>
 * Ids are compared as the strings PHP uses as array keys; {@code "1"} from {@code ext_data} and {@code 1} from JSON
 * both arrive here as {@code "1"}, which is what PHP's key normalisation amounts to.
 * <p>
 * A cluster engine follows the changes through a {@link LocalIndexListener}, called inside the same critical
 * sections, so the calls for one client arrive in the order the changes were made.
 */
public final class ClientRegistry implements Iterable<ClientConnection>, LocalIndex {

    private final ConcurrentHashMap<Integer, ClientConnection> clients = new ConcurrentHashMap<>();
    private final ConnectionIndex uids = new ConnectionIndex();
    private final ConnectionIndex groups = new ConnectionIndex();
    /** The last issued connection id as u32 bits; 0 before the first. */
    private final AtomicInteger lastId;
    private volatile LocalIndexListener listener = LocalIndexListener.NONE;

    public ClientRegistry() {
        this(0);
    }

    /** For tests of the wrap-around: the next id will follow {@code lastIssuedId} (u32 bits). */
    ClientRegistry(int lastIssuedId) {
        this.lastId = new AtomicInteger(lastIssuedId);
    }

    /**
     * Reports changes to {@code listener} from now on; set before the first client arrives (the gateway attaches its
     * engine after binding the inner port and before binding the client port).
     */
    public void listen(LocalIndexListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The id for a new client, like PHP's {@code generateConnectionId()}: a counter starting at 1 that wraps after
     * 4294967295 back to 1 (0 is never issued) and skips ids still in use. Returned as u32 bits.
     */
    public int nextConnectionId() {
        for (;;) {
            int previous = lastId.get();
            int next = previous == -1 ? 1 : previous + 1;
            if (lastId.compareAndSet(previous, next) && !clients.containsKey(next)) {
                return next;
            }
        }
    }

    /**
     * Registers a new client.
     *
     * @throws IllegalStateException if its connection id is already in use
     */
    public void add(ClientConnection client) {
        ClientConnection previous = clients.putIfAbsent(client.connectionId(), client);
        if (previous != null) {
            throw new IllegalStateException("Connection id " + Integer.toUnsignedLong(client.connectionId()) + " is already in use");
        }
        synchronized (client) {
            if (!client.closed) {
                listener.connected(client.connectionId());
            }
        }
    }

    /**
     * Removes a client that closed, or that a command is closing (it must vanish from queries before the command
     * returns, while its connection closes on its own loop): marks it closed and takes it out of the uid and group
     * indexes. Its uid, groups and session stay readable (the close event carries the last session). Returns false if
     * it was removed already.
     */
    public boolean remove(ClientConnection client) {
        clients.remove(client.connectionId(), client);
        synchronized (client) {
            if (client.closed) {
                return false;
            }
            client.closed = true;
            if (client.uid != null) {
                uids.remove(client.uid, client);
            }
            if (client.groups != null) {
                for (String group : client.groups) {
                    groups.remove(group, client);
                }
            }
            listener.closed(client.connectionId(), client.uid, client.groups == null ? Set.of() : client.groups);
            return true;
        }
    }

    /**
     * A membership command named a connection id that is not live: the engine drops whatever a sender recorded for
     * it.
     */
    public void absent(int connectionId) {
        listener.absent(connectionId);
    }

    /** The live client with this connection id (u32 bits), or null. */
    public ClientConnection get(int connectionId) {
        return clients.get(connectionId);
    }

    /** Number of live clients. */
    public int size() {
        return clients.size();
    }

    /** The live clients, weakly consistent: clients added or removed meanwhile may or may not be seen. */
    @Override
    public Iterator<ClientConnection> iterator() {
        return Collections.unmodifiableCollection(clients.values()).iterator();
    }

    /** Visits every live client's membership under its monitor (weakly consistent, like {@link #iterator()}). */
    @Override
    public void forEachClient(LocalIndex.MembershipVisitor visitor) {
        for (ClientConnection client : clients.values()) {
            synchronized (client) {
                if (!client.closed) {
                    visitor.visit(client.connectionId(), client.uid, client.groups == null ? Set.of() : client.groups);
                }
            }
        }
    }

    /** Visits every live client without copying (weakly consistent, like {@link #iterator()}). */
    void forEachClient(ClientVisitor visitor) {
        for (ClientConnection client : clients.values()) {
            visitor.visit(client);
        }
    }

    // ---- uid ----

    /**
     * Binds {@code client} to {@code uid}, replacing its previous uid (a client has at most one). No effect on a
     * closed client. Returns whether anything changed.
     */
    public boolean bindUid(ClientConnection client, String uid) {
        synchronized (client) {
            if (client.closed) {
                listener.absent(client.connectionId());
                return false;
            }
            listener.uidBound(client.connectionId(), uid);
            if (uid.equals(client.uid)) {
                return false;
            }
            if (client.uid != null) {
                uids.remove(client.uid, client);
            }
            client.uid = uid;
            uids.add(uid, client);
            return true;
        }
    }

    /** Removes whatever uid {@code client} has. Returns whether it had one. */
    public boolean unbindUid(ClientConnection client) {
        synchronized (client) {
            if (client.closed) {
                listener.absent(client.connectionId());
                return false;
            }
            listener.uidUnbound(client.connectionId());
            if (client.uid == null) {
                return false;
            }
            uids.remove(client.uid, client);
            client.uid = null;
            return true;
        }
    }

    /** A snapshot of the clients bound to {@code uid}. */
    public List<ClientConnection> uidConnections(String uid) {
        return uids.members(uid);
    }

    /** Number of clients bound to {@code uid}. */
    public int uidConnectionCount(String uid) {
        return uids.count(uid);
    }

    /** The uids that have at least one client, weakly consistent. */
    public Set<String> uids() {
        return uids.keys();
    }

    /** Visits the clients bound to {@code uid} without copying. */
    boolean forEachUidConnection(String uid, ClientVisitor visitor) {
        return uids.forEach(uid, visitor);
    }

    // ---- groups ----

    /** Adds {@code client} to {@code group}. No effect on a closed client. Returns whether anything changed. */
    public boolean joinGroup(ClientConnection client, String group) {
        synchronized (client) {
            if (client.closed) {
                listener.absent(client.connectionId());
                return false;
            }
            listener.groupJoined(client.connectionId(), group);
            if (client.groups != null && client.groups.contains(group)) {
                return false;
            }
            client.groups = GroupSets.with(client.groups, group);
            groups.add(group, client);
            return true;
        }
    }

    /** Removes {@code client} from {@code group}; the group disappears with its last member. */
    public boolean leaveGroup(ClientConnection client, String group) {
        synchronized (client) {
            if (client.closed) {
                listener.absent(client.connectionId());
                return false;
            }
            listener.groupLeft(client.connectionId(), group);
            if (client.groups == null || !client.groups.contains(group)) {
                return false;
            }
            client.groups = GroupSets.without(client.groups, group);
            groups.remove(group, client);
            return true;
        }
    }

    /**
     * Dissolves {@code group}: it disappears from the index at once (a send to it right after sends nothing) and then
     * from each member's own group set. The members stay connected. Returns the number of members it had.
     * <p>
     * A member joining the group again while this runs either lands in a new group of that name (if its join came
     * after the removal) or is treated as already a member and then loses the group here; both leave the client's
     * set and the index in agreement.
     */
    public int ungroup(String group) {
        Object members = groups.removeKey(group);
        if (members == null) {
            return 0;
        }
        ConnectionIndex.forEach(members, client -> {
            synchronized (client) {
                if (client.groups != null && client.groups.contains(group) && !groups.contains(group, client)) {
                    client.groups = GroupSets.without(client.groups, group);
                }
            }
        });
        return ConnectionIndex.size(members);
    }

    /** Number of members of {@code group} (0 if it does not exist). */
    public int groupSize(String group) {
        return groups.count(group);
    }

    /** Whether {@code client} is a member of {@code group} in the index. */
    public boolean isGroupMember(String group, ClientConnection client) {
        return groups.contains(group, client);
    }

    /** A snapshot of the members of {@code group}. */
    public List<ClientConnection> groupMembers(String group) {
        return groups.members(group);
    }

    /** The non-empty groups, weakly consistent. */
    public Set<String> groupIds() {
        return groups.keys();
    }

    /** Number of non-empty groups. */
    public int groupCount() {
        return groups.keyCount();
    }

    /** Visits the members of {@code group} without copying. */
    boolean forEachGroupMember(String group, ClientVisitor visitor) {
        return groups.forEach(group, visitor);
    }

    // ---- sessions ----

    /** Overwrites the session (PHP-serialized bytes, empty = none) of a live client. */
    public void setSession(ClientConnection client, byte[] session) {
        synchronized (client) {
            if (!client.closed) {
                client.session = session;
            }
        }
    }

    /**
     * Merges a partial session like {@code CMD_UPDATE_SESSION}: stored as is when the client has no session yet,
     * else {@code serialize(array_replace_recursive(unserialize(stored), unserialize(partial)))}.
     *
     * @throws PhpSerializationException if the stored session or {@code partial} is not a serialized PHP array;
     *                                   nothing is changed then
     */
    public void updateSession(ClientConnection client, byte[] partial) {
        synchronized (client) {
            if (client.closed) {
                return;
            }
            if (client.session.length == 0) {
                client.session = partial;
                return;
            }
            Map<?, ?> stored = phpArray(PhpUnserializer.unserialize(client.session), "stored session");
            Map<?, ?> replacement = phpArray(PhpUnserializer.unserialize(partial), "session update");
            client.session = PhpSerializer.serialize(PhpArrays.replaceRecursive(stored, replacement));
        }
    }

    private static Map<?, ?> phpArray(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        if (value instanceof List<?>) {
            return PhpArrays.asMap(value);
        }
        throw new PhpSerializationException(what + " is not a PHP array");
    }
}
