package org.jgateway.worker;

/**
 * The events of one gateway connection, numbered in arrival order, that are handled: {@link #watermark()} is the
 * number of events all of which are handled. Clients are handled in parallel, so events finish out of order; a count
 * of finished events would claim events still running, the watermark never does.
 */
final class HandledWatermark {

    private long received;
    private long watermark;
    /** Ring of "handled" marks for the events from {@code watermark} on; its length is a power of two. */
    private boolean[] done = new boolean[64];

    /** Numbers the next event to arrive (called in arrival order). */
    synchronized long received() {
        return received++;
    }

    /** Event {@code seq} is handled. */
    synchronized void handled(long seq) {
        if (seq != watermark) {
            long ahead = seq - watermark;
            if (ahead >= done.length) {
                grow(ahead);
            }
            done[index(seq)] = true;
            return;
        }
        watermark++;
        while (done[index(watermark)]) {
            done[index(watermark)] = false;
            watermark++;
        }
    }

    synchronized long watermark() {
        return watermark;
    }

    private int index(long seq) {
        return (int) (seq & (done.length - 1));
    }

    private void grow(long ahead) {
        int length = done.length;
        while (length <= ahead) {
            length <<= 1;
        }
        boolean[] grown = new boolean[length];
        for (long seq = watermark; seq < watermark + done.length; seq++) {
            grown[(int) (seq & (length - 1))] = done[index(seq)];
        }
        done = grown;
    }
}
