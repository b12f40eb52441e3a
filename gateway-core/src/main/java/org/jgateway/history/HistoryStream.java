package org.jgateway.history;

import java.util.Objects;

/**
 * A stream whose messages can be kept: a group or a uid. Streams of the two kinds never share history, even with the
 * same name.
 *
 * @param kind group or uid
 * @param id   the group or uid, never empty
 */
public record HistoryStream(Kind kind, String id) {

    /** What a stream's id names. */
    public enum Kind {
        /** Messages sent to a group. */
        GROUP,
        /** Messages sent to a uid (every connection bound to it). */
        UID
    }

    public HistoryStream {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " must not be empty");
        }
    }

    /** The stream of a group. */
    public static HistoryStream group(String group) {
        return new HistoryStream(Kind.GROUP, group);
    }

    /** The stream of a uid. */
    public static HistoryStream uid(String uid) {
        return new HistoryStream(Kind.UID, uid);
    }

    /** A name unique across kinds, e.g. {@code group:room-1}: the key a store files the stream under. */
    public String key() {
        return (kind == Kind.GROUP ? "group:" : "uid:") + id;
    }

    @Override
    public String toString() {
        return key();
    }
}
