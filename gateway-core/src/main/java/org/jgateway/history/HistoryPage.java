package org.jgateway.history;

import java.util.List;
import java.util.Objects;

/**
 * What a history read found: the retained messages after the requested position (oldest first), and the stream's
 * position when it was read.
 *
 * @param messages the messages after {@code since}, in offset order; empty when {@code complete} is false
 * @param position the stream's newest position at the time of the read (offset 0 when nothing was sent yet)
 * @param complete true when {@code messages} are every message after {@code since} up to {@code position} (or the
 *                 first {@code limit} of them); false when the epoch differs from {@code since}'s, or messages after
 *                 {@code since} are no longer retained: then nothing is returned, since a partial history would
 *                 mislead
 */
public record HistoryPage(List<HistoryMessage> messages, StreamPosition position, boolean complete) {

    public HistoryPage {
        messages = List.copyOf(messages);
        Objects.requireNonNull(position, "position");
    }

    /** A page with nothing to return: the requested history is lost (other epoch, or no longer retained). */
    public static HistoryPage lost(StreamPosition position) {
        return new HistoryPage(List.of(), position, false);
    }
}
