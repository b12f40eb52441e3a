package org.jgateway.history;

import java.util.Objects;

/**
 * Where a message stands in its history stream: its {@code offset} (1 for the stream's first message, strictly
 * increasing) within an {@code epoch} (a name for one unbroken history of the stream; a stream whose history was
 * lost gets a new epoch and starts again at offset 1). Offset 0 stands before the first message.
 * <p>
 * A record, so Jackson writes it as {@code {"offset":N,"epoch":"E"}} and reads it back: applications can put it in
 * their own messages, hand it to their clients and take it back on {@code recover}.
 *
 * @param offset the message's offset, 0 before the first one
 * @param epoch  the stream's epoch, never empty
 */
public record StreamPosition(long offset, String epoch) {

    public StreamPosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        Objects.requireNonNull(epoch, "epoch");
        if (epoch.isEmpty()) {
            throw new IllegalArgumentException("epoch must not be empty");
        }
    }

    /** The position of the next message of the same epoch. */
    public StreamPosition next() {
        return new StreamPosition(offset + 1, epoch);
    }
}
