package org.jgateway.transport;

import io.netty.handler.ssl.NotSslRecordException;

/**
 * Describes why a peer's connection failed, for a log line, without repeating what the peer sent.
 *
 * <p>Netty's TLS handler reports a plaintext request on a TLS port as a {@link NotSslRecordException} whose message is
 * a hex dump of the request: URLs with query tokens, cookies, authorization headers. Those bytes must never reach a
 * log, so such failures are described by their reason alone.
 */
public final class PeerFailures {

    static final String NOT_TLS = "not a TLS record (plaintext sent to a TLS port)";

    private PeerFailures() {
    }

    /** The failure's description, safe to log: the exception's own text unless it would carry the peer's bytes. */
    public static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return NOT_TLS;
            }
        }
        return cause.toString();
    }

    /** Whether the failure is a plaintext request on a TLS port (its message carries the request's bytes). */
    public static boolean isPlaintextOnTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }
}
