package org.jgateway.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message kept in a stream's history: its offset and the bytes its recipients received.
 *
 * @param offset the message's offset in its epoch
 * @param body   the message as sent to clients (before the client protocol's framing); do not modify
 */
public record HistoryMessage(long offset, byte[] body) {

    public HistoryMessage {
        Objects.requireNonNull(body, "body");
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryMessage that && offset == that.offset && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HistoryMessage{offset=" + offset + ", " + body.length + " bytes}";
    }
}
