package org.jgateway.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Extension (not in GatewayWorker): how a JGateway gateway and worker agree that their link is checked for a stalled
 * peer. The worker announces its peer timeout as {@code "peer_timeout":ms} in its {@code CMD_WORKER_CONNECT} body
 * (PHP gateways read only {@code worker_key} and {@code secret_key}); a gateway that checks too answers with a
 * {@code CMD_PING} whose {@code ext_data} is {@code {"peer_timeout":ms}}, the agreed timeout: the longer of the two.
 * From then on both ends send a plain {@code CMD_PING} every quarter of it and close the link when nothing arrived
 * for all of it. PHP peers announce nothing, so their links are never checked (a PHP worker ignores every
 * {@code CMD_PING}; a PHP gateway would log each one it got).
 */
public final class PeerTimeout {

    /** The JSON field of the announcement and of the answer. */
    public static final String FIELD = "peer_timeout";

    /** The keep-alive either end sends once the timeout is agreed. */
    public static final GatewayFrame PING = GatewayFrame.command(GatewayCommand.PING, 0, 0, null, null);

    private PeerTimeout() {
    }

    /** The gateway's answer: the timeout both ends apply. */
    public static GatewayFrame answer(Duration agreed) {
        byte[] ext = ("{\"" + FIELD + "\":" + agreed.toMillis() + "}").getBytes(StandardCharsets.UTF_8);
        return GatewayFrame.command(GatewayCommand.PING, 0, 0, ext, null);
    }

    /** The timeout a gateway answered with, or null for any other frame (a PHP gateway's plain keep-alive too). */
    public static @Nullable Duration answered(GatewayFrame frame) {
        return frame.cmd() == GatewayCommand.PING ? millis(SecretKey.field(frame.ext(), FIELD)) : null;
    }

    /** The timeout a worker announced in its {@code CMD_WORKER_CONNECT} body, or null for none (a PHP worker). */
    public static @Nullable Duration announced(byte[] workerConnectBody) {
        return millis(SecretKey.field(workerConnectBody, FIELD));
    }

    /**
     * The timeout a link uses: the longer of both ends', so that neither closes a peer that keeps to its own; null
     * (no check) when either end has none.
     */
    public static @Nullable Duration agreed(Duration ours, @Nullable Duration theirs) {
        if (theirs == null || ours.isZero() || theirs.isZero()) {
            return null;
        }
        return ours.compareTo(theirs) >= 0 ? ours : theirs;
    }

    private static @Nullable Duration millis(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long ms = Long.parseLong(value);
            return ms > 0 ? Duration.ofMillis(ms) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
