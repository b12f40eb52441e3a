package org.jgateway.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one client stands on one history stream once it was recovered there: the epoch and the newest offset that
 * recovery delivered or skipped (the floor), and, while a recovery runs, the live messages held back for it.
 * <p>
 * A live message at or below the floor of the same epoch is one the client already has (from history) or was told it
 * missed (an incomplete recovery): it is not sent again. Offsets only grow, so the floor never holds back a message
 * sent after the recovery. Guarded by the stream's lock in {@link StreamDelivery}.
 */
final class StreamCursor {

    /** A live message held while recovery reads history. */
    record Held(long offset, String epoch, byte[] body) {
    }

    private String epoch;
    private long floor;
    private List<Held> held;

    /** Starts holding live messages back (a recovery begins); false when another recovery holds them already. */
    boolean hold() {
        if (held != null) {
            return false;
        }
        held = new ArrayList<>();
        return true;
    }

    /**
     * A live message for this client: true to send it now; false when it is held for the running recovery or is a
     * duplicate of what recovery delivered.
     */
    boolean admit(long offset, String epoch, byte[] body) {
        if (held != null) {
            held.add(new Held(offset, epoch, body));
            return false;
        }
        return !(epoch.equals(this.epoch) && offset <= floor);
    }

    /** Ends a recovery: the held messages in arrival order (a list the caller may sort), nothing held from now on. */
    List<Held> release() {
        List<Held> released = held == null ? new ArrayList<>() : held;
        held = null;
        return released;
    }

    /** What the client has, or was told it missed, after a recovery. */
    void moveTo(String epoch, long floor) {
        this.epoch = epoch;
        this.floor = floor;
    }
}
