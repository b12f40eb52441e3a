package org.jgateway.gateway;

import java.util.HashSet;
import java.util.Set;

/**
 * The groups of one client as a small value: {@code null} until the client first joins a group, an immutable
 * {@link Set#of} while it is in at most {@value #IMMUTABLE_LIMIT} groups (a one-group set is a 24-byte object instead
 * of a ~200-byte {@link HashSet}), a {@link HashSet} beyond. An emptied set stays non-null ({@code Set.of()}, shared)
 * because PHP keeps the emptied {@code $connection->groups} array, and {@code CMD_SELECT} tells the two apart
 * ({@code null} vs {@code array()}).
 * <p>
 * Callers hold the client's monitor; the immutable forms also make {@link ClientConnection#groups()} copies free.
 */
final class GroupSets {

    static final int IMMUTABLE_LIMIT = 4;

    private GroupSets() {
    }

    /** {@code groups} plus {@code group}, which the caller checked is absent. */
    static Set<String> with(Set<String> groups, String group) {
        if (groups == null || groups.isEmpty()) {
            return Set.of(group);
        }
        if (groups instanceof HashSet<String> mutable) {
            mutable.add(group);
            return mutable;
        }
        if (groups.size() < IMMUTABLE_LIMIT) {
            String[] all = groups.toArray(new String[groups.size() + 1]);
            all[groups.size()] = group;
            return Set.of(all);
        }
        HashSet<String> grown = new HashSet<>(groups);
        grown.add(group);
        return grown;
    }

    /** {@code groups} without {@code group}, which the caller checked is present. */
    static Set<String> without(Set<String> groups, String group) {
        if (groups.size() == 1) {
            return Set.of();
        }
        if (groups instanceof HashSet<String> mutable) {
            mutable.remove(group);
            return mutable.size() < IMMUTABLE_LIMIT ? Set.copyOf(mutable) : mutable;
        }
        String[] rest = new String[groups.size() - 1];
        int i = 0;
        for (String g : groups) {
            if (!g.equals(group)) {
                rest[i++] = g;
            }
        }
        return Set.of(rest);
    }
}
