package org.jgateway.history;

import java.util.Objects;

/**
 * The outcome of recovering a client on a stream.
 *
 * @param recovered true when the client was given every message after its position; false when its epoch was not the
 *                  stream's or messages after its position were no longer kept: then no old message was sent
 * @param position  where the client stands now: the newest offset it was given or told it missed, in the stream's
 *                  epoch; live messages continue after it
 * @param delivered how many messages the recovery sent (history, then live messages held back while it ran)
 */
public record Recovery(boolean recovered, StreamPosition position, int delivered) {

    public Recovery {
        Objects.requireNonNull(position, "position");
    }
}
