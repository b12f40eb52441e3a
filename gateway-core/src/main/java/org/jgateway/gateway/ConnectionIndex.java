package org.jgateway.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent multimap key → client connections (the uid index and the group index), whose empty entries vanish.
 * <p>
 * Most keys have few members (a uid has one or two connections, many groups are tiny), a few have thousands (a
 * room). A member set is therefore an immutable {@code ClientConnection[]} replaced on change while it is small
 * (about 24 bytes for one member) and a concurrent set once it grows past {@value #ARRAY_LIMIT}. Every change goes
 * through {@link ConcurrentHashMap#compute}, which serialises writers per key; readers take the current value without
 * locking: arrays are never modified after publication and the concurrent set has weakly consistent iterators.
 */
final class ConnectionIndex {

    /** Largest member count kept as a copy-on-write array. */
    static final int ARRAY_LIMIT = 8;
    /** A set shrinking to this size goes back to an array; lower than the limit so a key at the edge does not flap. */
    private static final int SHRINK_TO_ARRAY = ARRAY_LIMIT / 2;

    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();

    /** Adds {@code client} under {@code key}; no effect if it is there already. */
    void add(String key, ClientConnection client) {
        entries.compute(key, (k, members) -> with(members, client));
    }

    /** Removes {@code client} from {@code key}, dropping the key when it has no members left. */
    void remove(String key, ClientConnection client) {
        entries.computeIfPresent(key, (k, members) -> without(members, client));
    }

    /** Removes the whole entry at once; returns its members (an opaque value for {@link #forEach(Object, ClientVisitor)}). */
    Object removeKey(String key) {
        return entries.remove(key);
    }

    boolean contains(String key, ClientConnection client) {
        Object members = entries.get(key);
        if (members instanceof ClientConnection[] array) {
            return indexOf(array, client) >= 0;
        }
        return members != null && asSet(members).contains(client);
    }

    int count(String key) {
        return size(entries.get(key));
    }

    /** Visits every member of {@code key}; returns false if the key has none. */
    boolean forEach(String key, ClientVisitor visitor) {
        return forEach(entries.get(key), visitor);
    }

    /** Visits the members of a value obtained from this index ({@link #removeKey}). */
    static boolean forEach(Object members, ClientVisitor visitor) {
        if (members == null) {
            return false;
        }
        if (members instanceof ClientConnection[] array) {
            for (ClientConnection client : array) {
                visitor.visit(client);
            }
        } else {
            for (ClientConnection client : asSet(members)) {
                visitor.visit(client);
            }
        }
        return true;
    }

    /** A snapshot of the members of {@code key}, empty if none. */
    List<ClientConnection> members(String key) {
        Object members = entries.get(key);
        if (members == null) {
            return List.of();
        }
        if (members instanceof ClientConnection[] array) {
            return Arrays.asList(array);
        }
        return new ArrayList<>(asSet(members));
    }

    /** The keys, weakly consistent (a live view). */
    Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    int keyCount() {
        return entries.size();
    }

    static int size(Object members) {
        if (members == null) {
            return 0;
        }
        if (members instanceof ClientConnection[] array) {
            return array.length;
        }
        return asSet(members).size();
    }

    private static Object with(Object members, ClientConnection client) {
        if (members == null) {
            return new ClientConnection[] {client};
        }
        if (members instanceof ClientConnection[] array) {
            if (indexOf(array, client) >= 0) {
                return array;
            }
            if (array.length < ARRAY_LIMIT) {
                ClientConnection[] grown = Arrays.copyOf(array, array.length + 1);
                grown[array.length] = client;
                return grown;
            }
            Set<ClientConnection> set = ConcurrentHashMap.newKeySet(ARRAY_LIMIT * 4);
            Collections.addAll(set, array);
            set.add(client);
            return set;
        }
        asSet(members).add(client);
        return members;
    }

    private static Object without(Object members, ClientConnection client) {
        if (members instanceof ClientConnection[] array) {
            int i = indexOf(array, client);
            if (i < 0) {
                return array;
            }
            if (array.length == 1) {
                return null;
            }
            ClientConnection[] shrunk = new ClientConnection[array.length - 1];
            System.arraycopy(array, 0, shrunk, 0, i);
            System.arraycopy(array, i + 1, shrunk, i, array.length - i - 1);
            return shrunk;
        }
        Set<ClientConnection> set = asSet(members);
        set.remove(client);
        if (set.isEmpty()) {
            return null;
        }
        return set.size() <= SHRINK_TO_ARRAY ? set.toArray(new ClientConnection[0]) : set;
    }

    private static int indexOf(ClientConnection[] array, ClientConnection client) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == client) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Set<ClientConnection> asSet(Object members) {
        return (Set<ClientConnection>) members;
    }
}
